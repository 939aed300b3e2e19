package jp.mynaterm.hardware.card.jpki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.Apdus;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.PinCodes;
import jp.mynaterm.hardware.card.pinpad.PinEntry;

/** The public personal authentication (JPKI) AP: user-authentication certificate, PIN and signature. */
public final class JpkiAp {
  public static final byte[] AID = HexFormat.of().parseHex("D392F000260100000001");
  public static final int USER_AUTH_CERTIFICATE = 0x000A;
  public static final int USER_AUTH_CA_CERTIFICATE = 0x000B;
  public static final int USER_AUTH_KEY = 0x0017;
  public static final int USER_AUTH_PIN = 0x0018;

  private final ApduChannel channel;

  public JpkiAp(ApduChannel channel) {
    this.channel = channel;
  }

  /** Selects the AP; a card without it is not a My Number card. */
  public void select() throws CardFailure {
    channel.selectApplication(AID, "JPKI AP");
  }

  public X509Certificate userAuthCertificate() throws CardFailure {
    return certificate(USER_AUTH_CERTIFICATE);
  }

  public X509Certificate userAuthCaCertificate() throws CardFailure {
    return certificate(USER_AUTH_CA_CERTIFICATE);
  }

  /**
   * The serial, issuer and validity of the user-authentication certificate, from its first bytes: one
   * READ BINARY of 256 bytes (two where the issuer is unusually long) instead of the whole file.
   */
  public CertificateHead userAuthCertificateHead() throws CardFailure {
    String during = "READ BINARY 000A (head)";
    channel.selectEf(USER_AUTH_CERTIFICATE);
    byte[] prefix = channel.expectOk(Apdus.readBinary(0, 256), during);
    CertificateHead.Parse parsed = CertificateHead.parse(prefix);
    if (parsed instanceof CertificateHead.Parse.NeedBytes more) {
      if (more.total() > 512) throw new CardFailure(new CardProblem.MalformedData("EF 000A: serial, issuer and validity not within 512 bytes"));
      parsed = CertificateHead.parse(channel.readRest(USER_AUTH_CERTIFICATE, prefix, more.total(), during));
    }
    return switch (parsed) {
      case CertificateHead.Parse.Complete c -> c.head();
      case CertificateHead.Parse.NeedBytes n -> throw new CardFailure(new CardProblem.MalformedData("EF 000A: serial, issuer and validity not within 512 bytes"));
    };
  }

  /** The raw DER, as the card holds it. */
  public byte[] certificateBytes(int fileId) throws CardFailure {
    return channel.readTlvFile(fileId);
  }

  /** Tries left on the user-authentication PIN, without spending one; -1 if verified already. */
  public int pinTriesLeft() throws CardFailure {
    return PinCodes.triesLeft(channel, USER_AUTH_PIN, "user-auth PIN");
  }

  public void verifyPin(PinEntry pin) throws CardFailure {
    PinCodes.verify(channel, USER_AUTH_PIN, pin, "user-auth PIN");
  }

  /** Signs a DigestInfo with the user-authentication key (after {@link #verifyPin}). */
  public byte[] sign(byte[] digestInfo) throws CardFailure {
    channel.selectEf(USER_AUTH_KEY);
    byte[] signature = channel.expectOk(Apdus.sign(digestInfo), "SIGN (user auth)");
    if (signature.length != 256) {
      throw new CardFailure(new CardProblem.MalformedData("signature of " + signature.length + " bytes, expected 256"));
    }
    return signature;
  }

  private X509Certificate certificate(int fileId) throws CardFailure {
    byte[] der = certificateBytes(fileId);
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new CardFailure(new CardProblem.MalformedData(String.format("EF %04X is not an X.509 certificate", fileId)));
    }
  }
}
