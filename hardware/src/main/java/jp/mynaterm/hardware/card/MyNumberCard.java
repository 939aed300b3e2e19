package jp.mynaterm.hardware.card;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import jp.mynaterm.hardware.card.apdu.ApduChannel;
import jp.mynaterm.hardware.card.apdu.CardFailure;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.jpki.CertificateHead;
import jp.mynaterm.hardware.card.jpki.JpkiAp;
import jp.mynaterm.hardware.card.textap.BasicItems;
import jp.mynaterm.hardware.card.textap.TextAp;
import jp.mynaterm.hardware.card.pinpad.PinEntry;
import jp.mynaterm.hardware.card.pinpad.PinPad;
import jp.mynaterm.hardware.card.transport.ConnectedCard;
import jp.mynaterm.hardware.card.transport.TransportException;
import jp.mynaterm.hardware.card.transport.TransportFailure;
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
  private final Duration commandTimeout;
  /** The reader's PIN pad once asked for (null: not asked yet). */
  private Optional<PinPad> pinPad;

  /** The card connected through PC/SC or in-process, each command with {@link #DEFAULT_TIMEOUT}. */
  public MyNumberCard(ConnectedCard card) {
    this(card, DEFAULT_TIMEOUT);
  }

  public MyNumberCard(ConnectedCard card, Duration commandTimeout) {
    this.card = card;
    this.commandTimeout = commandTimeout;
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

  /**
   * Tries left on the user-authentication PIN without spending one; -1 when verified in this session.
   * Read before every PIN entry, so the resident is told, and warned before the last try. From here
   * on the card is held exclusively ({@link #holdExclusively}): nobody spends a try in between.
   */
  public CardResult<Integer> pinTriesLeft() {
    return CardResult.of(() -> {
      holdExclusively();
      jpki.select();
      return jpki.pinTriesLeft();
    });
  }

  /**
   * The reader's own PIN pad (PC/SC part 10 {@code FEATURE_VERIFY_PIN_DIRECT}), asked once per
   * connection; empty for a reader without one (vpcd, most contactless readers).
   */
  public synchronized Optional<PinPad> pinPad() {
    if (pinPad == null) pinPad = card.control().flatMap(c -> PinPad.discover(c, commandTimeout));
    return pinPad;
  }

  /**
   * One VERIFY of the user-authentication PIN, then the card's signature over {@code challenge}. A
   * typed PIN's digits are wiped.
   */
  public CardResult<byte[]> signChallenge(PinEntry pin, byte[] challenge) {
    return CardResult.of(() -> {
      verifyUserAuth(pin);
      return jpki.sign(JpkiSignatures.sha256DigestInfo(challenge));
    });
  }

  /** {@link #signChallenge(PinEntry, byte[])} with digits typed on a resident-facing keypad. */
  public CardResult<byte[]> signChallenge(char[] pin, byte[] challenge) {
    return signChallenge(new PinEntry.Typed(pin), challenge);
  }

  /**
   * One VERIFY of the user-authentication PIN on its own, for a flow that asks for the PIN and signs
   * later in the same connection (the kiosk); {@link #signWithUserAuth} then needs no PIN. The card
   * stays held exclusively until {@link #disconnect}.
   */
  public CardResult<Boolean> verifyUserAuthPin(PinEntry pin) {
    return CardResult.of(() -> {
      verifyUserAuth(pin);
      return true;
    });
  }

  /** {@link #verifyUserAuthPin(PinEntry)} with digits typed on a resident-facing keypad. */
  public CardResult<Boolean> verifyUserAuthPin(char[] pin) {
    return verifyUserAuthPin(new PinEntry.Typed(pin));
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
      holdExclusively();
      text.select();
      text.verifyPin(pin);
      return text.basicItems();
    });
  }

  /** The card held, the JPKI AP selected, one VERIFY; a typed PIN is wiped whatever happens. */
  private void verifyUserAuth(PinEntry pin) throws CardFailure {
    try {
      holdExclusively();
      jpki.select();
      jpki.verifyPin(pin);
    } finally {
      if (pin instanceof PinEntry.Typed t) t.wipe();
    }
  }

  /**
   * Holds the card for this connection alone until {@link #disconnect}: while a PIN is (about to be)
   * verified, no other program on this machine may send it a command, so none can SIGN with the
   * verified PIN. Every PIN operation here begins with it.
   */
  private void holdExclusively() throws CardFailure {
    try {
      card.holdExclusively(commandTimeout);
    } catch (TransportException e) {
      throw new CardFailure(switch (e.failure()) {
        // pcsc-lite makes a second SCardBeginTransaction wait for the first one's end.
        case TransportFailure.Timeout t when !t.earlierCommand() -> new CardProblem.CardInUse();
        case TransportFailure other -> ApduChannel.problemFor(other, "holding the card exclusively");
      });
    }
  }

  /** For code below the card operations (tests, benchmarks): the guarded channel. */
  public ApduChannel channel() {
    return channel;
  }

  /**
   * Releases the card with a reset: a verified PIN must not stay usable by the next program that
   * talks to the reader; the exclusive hold ends with it.
   */
  public void disconnect() {
    card.release();
  }
}
