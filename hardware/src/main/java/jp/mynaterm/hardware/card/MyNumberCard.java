package jp.mynaterm.hardware.card;

import java.time.Duration;
import java.util.HexFormat;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.jpki.JpkiAp;
import jp.mynaterm.hardware.card.pcsc.PcscActivity;
import jp.mynaterm.hardware.card.textap.BasicItems;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.protocol.card.JpkiSignatures;

/**
 * A My Number card in a reader (real, or the virtual card in-process or through pcscd). Each operation
 * returns a {@link CardResult}; none throws for card trouble, and none retries a PIN.
 */
public final class MyNumberCard {
  /** The ATR of the plastic card, which OpenSC's jpki driver matches on. */
  public static final byte[] ATR = HexFormat.of().parseHex("3BE000FF8131FE4514");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final String reader;
  private final Card card;
  private final ApduChannel channel;
  private final JpkiAp jpki;
  private final TextAp text;

  public MyNumberCard(Card card, Duration commandTimeout) {
    this(card, card.getBasicChannel(), commandTimeout);
  }

  public MyNumberCard(Card card, CardChannel channel, Duration commandTimeout) {
    this("in-process", card, new ApduChannel(channel, commandTimeout));
  }

  /** With a channel that knows how to ask the reader whether the card is still there. */
  public MyNumberCard(String reader, Card card, ApduChannel channel) {
    this.reader = reader;
    this.card = card;
    this.channel = channel;
    this.jpki = new JpkiAp(channel);
    this.text = new TextAp(channel);
  }

  /** The reader the card sits in. */
  public String reader() {
    return reader;
  }

  public String atrHex() {
    return HexFormat.of().withUpperCase().formatHex(card.getATR().getBytes());
  }

  /** The card's ATR is the My Number card's (a hint only: the JPKI AP decides). */
  public boolean hasMyNumberAtr() {
    return java.util.Arrays.equals(card.getATR().getBytes(), ATR);
  }

  public CardResult<CardCertificates> certificates() {
    return step(() -> {
      jpki.select();
      return new CardCertificates(jpki.userAuthCertificate(), jpki.userAuthCaCertificate());
    });
  }

  /** Tries left on the user-authentication PIN without spending one; -1 when verified in this session. */
  public CardResult<Integer> pinTriesLeft() {
    return step(() -> {
      jpki.select();
      return jpki.pinTriesLeft();
    });
  }

  /** One VERIFY of the user-authentication PIN, then the card's signature over {@code challenge}. */
  public CardResult<byte[]> signChallenge(char[] pin, byte[] challenge) {
    return step(() -> {
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
    return step(() -> {
      jpki.select();
      jpki.verifyPin(pin);
      return true;
    });
  }

  /** The user-authentication key's signature over SHA-256 of {@code data}, after {@link #verifyUserAuthPin}. */
  public CardResult<byte[]> signWithUserAuth(byte[] data) {
    return step(() -> jpki.sign(JpkiSignatures.sha256DigestInfo(data)));
  }

  /** The four basic items, after one VERIFY of the text AP's PIN. */
  public CardResult<BasicItems> basicItems(char[] pin, boolean checkDigest) {
    return step(() -> {
      text.select();
      text.verifyPin(pin);
      return text.basicItems(checkDigest);
    });
  }

  /**
   * One card operation, with any reader watcher in this JVM held off while it runs: javax.smartcardio
   * has one PC/SC context per JVM and pcsc-lite serialises calls on it (see {@link PcscActivity}).
   */
  private static <T> CardResult<T> step(CardResult.CardStep<T> operation) {
    return PcscActivity.during(() -> CardResult.of(operation));
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
    PcscActivity.during(() -> {
      try {
        card.disconnect(true);
      } catch (Exception e) {
        // Already gone: nothing to release.
      }
      return null;
    });
  }
}
