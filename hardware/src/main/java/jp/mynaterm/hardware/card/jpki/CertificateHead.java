package jp.mynaterm.hardware.card.jpki;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Time;

/**
 * What a tap decides on, from the first bytes of the user-authentication certificate: the serial, the
 * issuer and the validity period sit at the start of the signed part, before the subject, the key and
 * the extensions. Read without a PIN and without a signature, so nothing here is proven by the card:
 * anyone can copy a certificate (see terminal-agent/README.md, Taxi).
 *
 * @param issuer the issuer name as encoded in the certificate (with the serial, what a CardId is derived from)
 */
public record CertificateHead(X500Principal issuer, BigInteger serial, Instant notBefore, Instant notAfter) {

  /** The result of looking at a prefix: the head, or how many bytes of the file are needed for it. */
  public sealed interface Parse {
    record Complete(CertificateHead head) implements Parse {}

    record NeedBytes(int total) implements Parse {}
  }

  /**
   * Parses {@code Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, signature, issuer,
   * validity, ... } ... }} from a prefix of its DER encoding.
   */
  public static Parse parse(byte[] prefix) throws CardFailure {
    int[] certificate = header(prefix, 0, 0x30);
    int[] tbs = header(prefix, certificate[0], 0x30);
    int at = tbs[0];
    if (at < prefix.length && (prefix[at] & 0xFF) == 0xA0) at = end(prefix, at); // explicit version
    int serialAt = at;
    int serialEnd = end(prefix, at);
    at = end(prefix, serialEnd); // the signature algorithm
    int issuerAt = at;
    at = end(prefix, at);
    int validityAt = at;
    at = end(prefix, at);
    if (at > prefix.length) return new Parse.NeedBytes(Math.min(at, prefix.length + 256));
    try {
      if ((prefix[serialAt] & 0xFF) != 0x02 || (prefix[issuerAt] & 0xFF) != 0x30 || (prefix[validityAt] & 0xFF) != 0x30) {
        throw malformed("fields out of order");
      }
      BigInteger serial = ASN1Integer.getInstance(ASN1Primitive.fromByteArray(Arrays.copyOfRange(prefix, serialAt, serialEnd))).getValue();
      X500Principal issuer = new X500Principal(Arrays.copyOfRange(prefix, issuerAt, validityAt));
      ASN1Sequence validity = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(Arrays.copyOfRange(prefix, validityAt, at)));
      if (validity.size() != 2) throw malformed("validity is not two times");
      return new Parse.Complete(new CertificateHead(issuer, serial,
          Time.getInstance(validity.getObjectAt(0)).getDate().toInstant(), Time.getInstance(validity.getObjectAt(1)).getDate().toInstant()));
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw malformed(String.valueOf(e.getMessage()));
    }
  }

  /** {content start, content end} of a DER element of {@code tag} at {@code at}; the end may lie past the prefix. */
  private static int[] header(byte[] b, int at, int tag) throws CardFailure {
    if (at + 2 > b.length) throw malformed("too short");
    if ((b[at] & 0xFF) != tag) throw malformed(String.format("tag %02X at %d", b[at] & 0xFF, at));
    int first = b[at + 1] & 0xFF;
    if (first < 0x80) return new int[] {at + 2, at + 2 + first};
    int n = first & 0x7F;
    if (n == 0 || n > 3 || at + 2 + n > b.length) throw malformed("length at " + at);
    int len = 0;
    for (int k = 0; k < n; k++) len = (len << 8) | (b[at + 2 + k] & 0xFF);
    return new int[] {at + 2 + n, at + 2 + n + len};
  }

  /** Where the element at {@code at} ends, which may be past the prefix; {@link #BEYOND} when its header is not in it. */
  private static int end(byte[] b, int at) throws CardFailure {
    if (at + 4 >= b.length) return BEYOND;
    return header(b, at, b[at] & 0xFF)[1];
  }

  /** Somewhere past any prefix: more bytes are needed. */
  private static final int BEYOND = Integer.MAX_VALUE / 2;

  private static CardFailure malformed(String what) {
    return new CardFailure(new CardProblem.MalformedData("EF 000A does not start like a certificate: " + what));
  }
}
