package jp.mynaterm.hardware.card;

import java.time.Duration;
import java.util.HexFormat;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.jpki.CertificateHead;
import jp.mynaterm.hardware.card.jpki.JpkiAp;
import jp.mynaterm.hardware.card.textap.BasicItems;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.hardware.card.transport.ConnectedCard;
import jp.mynaterm.protocol.card.JpkiSignatures;

/**
 * A My Number card in a reader (real, or the virtual card in-process or through pcscd). Each operation
 * returns a {@link CardResult}; none throws for card trouble, and none retries a PIN.
 */
public final class MyNumberCard {
  /** The ATR of the plastic card, which OpenSC's jpki driver matches on. */
  public static final byte[] ATR = HexFormat.of().parseHex("3BE000FF8131FE4514");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final ConnectedCard card;
  private final ApduChannel channel;
  private final JpkiAp jpki;
  private final TextAp text;

  /** The card connected through PC/SC or in-process, each command with {@link #DEFAULT_TIMEOUT}. */
  public MyNumberCard(ConnectedCard card) {
    this(card, DEFAULT_TIMEOUT);
  }

  public MyNumberCard(ConnectedCard card, Duration commandTimeout) {
    this.card = card;
    this.channel = new ApduChannel(card.transport(), commandTimeout);
    this.jpki = new JpkiAp(channel);
    this.text = new TextAp(channel);
  }

  /** The reader the card sits in. */
  public String reader() {
    return card.reader();
  }

  public String atrHex() {
    return HexFormat.of().withUpperCase().formatHex(card.atr());
  }

  /** The card's ATR is the My Number card's (a hint only: the JPKI AP decides). */
  public boolean hasMyNumberAtr() {
    return java.util.Arrays.equals(card.atr(), ATR);
  }

  public CardResult<CardCertificates> certificates() {
    return CardResult.of(() -> {
      jpki.select();
      return new CardCertificates(jpki.userAuthCertificate(), jpki.userAuthCaCertificate());
    });
  }

  /**
   * What a PIN-less tap reads: the user-authentication certificate's serial, issuer and validity
   * from its first bytes, in at most 4 APDUs (SELECT AP, SELECT EF, one or two READ BINARY). Without a
   * signature a whole certificate and its chain prove no more than this: a copied certificate passes both.
   */
  public CardResult<CertificateHead> userAuthCertificateHead() {
    return CardResult.of(() -> {
      jpki.select();
      return jpki.userAuthCertificateHead();
    });
  }

  /** Tries left on the user-authentication PIN without spending one; -1 when verified in this session. */
  public CardResult<Integer> pinTriesLeft() {
    return CardResult.of(() -> {
      jpki.select();
      return jpki.pinTriesLeft();
    });
  }

  /** One VERIFY of the user-authentication PIN, then the card's signature over {@code challenge}. */
  public CardResult<byte[]> signChallenge(char[] pin, byte[] challenge) {
    return CardResult.of(() -> {
      jpki.select();
      jpki.verifyPin(pin);
      return jpki.sign(JpkiSignatures.sha256DigestInfo(challenge));
    });
  }

  /**
   * One VERIFY of the user-authentication PIN on its own, for a flow that asks for the PIN and signs
   * later in the same connection (the kiosk); {@link #signWithUserAuth} then needs no PIN.
   */
  public CardResult<Boolean> verifyUserAuthPin(char[] pin) {
    return CardResult.of(() -> {
      jpki.select();
      jpki.verifyPin(pin);
      return true;
    });
  }

  /** The user-authentication key's signature over SHA-256 of {@code data}, after {@link #verifyUserAuthPin}. */
  public CardResult<byte[]> signWithUserAuth(byte[] data) {
    return CardResult.of(() -> jpki.sign(JpkiSignatures.sha256DigestInfo(data)));
  }

  /**
   * The four basic items, after one VERIFY of the text AP's PIN. EF 0003 is never read: its digest of
   * EF 0001 is reversed in seconds, so it counts as the My Number (the guard refuses it).
   */
  public CardResult<BasicItems> basicItems(char[] pin) {
    return CardResult.of(() -> {
      text.select();
      text.verifyPin(pin);
      return text.basicItems();
    });
  }

  /** For code below the card operations (tests, benchmarks): the guarded channel. */
  public ApduChannel channel() {
    return channel;
  }

  /**
   * Releases the card with a reset: a verified PIN must not stay usable by the next program that
   * talks to the reader.
   */
  public void disconnect() {
    card.release();
  }
}
