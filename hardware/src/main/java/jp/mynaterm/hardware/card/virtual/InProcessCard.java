package jp.mynaterm.hardware.card.virtual;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.hardware.card.pinpad.Part10;
import jp.mynaterm.hardware.card.transport.CardThread;
import jp.mynaterm.hardware.card.transport.CardTransport;
import jp.mynaterm.hardware.card.transport.ConnectedCard;
import jp.mynaterm.hardware.card.transport.ReaderControl;
import jp.mynaterm.hardware.card.transport.TransportException;
import jp.mynaterm.hardware.card.transport.TransportFailure;

/**
 * The virtual card connected in this process: fast tests and the demo run the same host code
 * ({@code MyNumberCard}, {@code ApduChannel}) as with PC/SC, without pcscd. Calls run on the card's
 * own thread with the same time limits; a pulled card fails like PC/SC does ({@link
 * TransportFailure.CardRemoved}), now and for every later command, and so does a released one.
 *
 * <p>Like a PC/SC reader it can hold the card exclusively (another connection to the same virtual
 * card then gets {@link TransportFailure.InUse}, as {@code SCARD_E_SHARING_VIOLATION}), and, given a
 * {@link VirtualPinPad}, it is a reader with a PIN pad: it lists {@code FEATURE_VERIFY_PIN_DIRECT}
 * in answer to {@code CM_IOCTL_GET_FEATURE_REQUEST} and fills a VERIFY's placeholder digits with what
 * was typed on the pad, as a class 2 reader does (vpcd has no PIN pad).
 */
public final class InProcessCard implements ConnectedCard, CardTransport {
  private final VirtualMyNumberCard card;
  private final VirtualPinPad pad;
  // A virtual thread: the virtual card makes no native calls, and tests leave many connections open.
  private final CardThread thread = new CardThread(Thread.ofVirtual().name("in-process card").factory());
  private volatile boolean removed;

  public InProcessCard(VirtualMyNumberCard card) {
    this(card, null);
  }

  /**
   * The card newly put on a reader (a power-up: a session left by an earlier connection is gone).
   *
   * @param pad the reader's PIN pad; null for a reader without one
   */
  public InProcessCard(VirtualMyNumberCard card, VirtualPinPad pad) {
    this(card, pad, true);
  }

  private InProcessCard(VirtualMyNumberCard card, VirtualPinPad pad, boolean powerUp) {
    this.card = card;
    this.pad = pad;
    if (powerUp) card.powerUp();
  }

  /**
   * Another connection to the same card, which stays in the reader (no reset): another program on the
   * same machine, as far as this one's exclusive hold is concerned.
   */
  public InProcessCard anotherConnection() {
    return new InProcessCard(card, null, false);
  }

  @Override
  public String reader() {
    return "in-process";
  }

  @Override
  public byte[] atr() {
    return card.atr();
  }

  @Override
  public CardTransport transport() {
    return this;
  }

  @Override
  public byte[] transmit(byte[] command, Duration limit) throws TransportException {
    byte[] copy = command.clone();
    return thread.call(() -> process(copy), limit);
  }

  private byte[] process(byte[] command) throws TransportException {
    if (removed) throw new TransportException(new TransportFailure.CardRemoved());
    if (card.heldByAnother(this)) throw new TransportException(new TransportFailure.InUse());
    try {
      return card.process(command);
    } catch (CardPulledException e) {
      removed = true;
      throw new TransportException(new TransportFailure.CardRemoved());
    }
  }

  @Override
  public void holdExclusively(Duration limit) throws TransportException {
    thread.call(() -> {
      if (removed) throw new TransportException(new TransportFailure.CardRemoved());
      // PC/SC would make this wait for the other's release; refusing at once says the same sooner.
      if (!card.beginExclusive(this)) throw new TransportException(new TransportFailure.InUse());
      return null;
    }, limit);
  }

  @Override
  public Optional<ReaderControl> control() {
    return pad == null ? Optional.empty() : Optional.of((code, command, limit) -> thread.call(() -> control(code, command), limit));
  }

  private byte[] control(int code, byte[] command) throws TransportException {
    if (code == Part10.CM_IOCTL_GET_FEATURE_REQUEST) {
      return Part10.featureList(Map.of(Part10.FEATURE_VERIFY_PIN_DIRECT, Part10.CCID_VERIFY_PIN_DIRECT));
    }
    if (code != Part10.CCID_VERIFY_PIN_DIRECT) throw new TransportException(new TransportFailure.Io("SCARD_E_UNSUPPORTED_FEATURE"));
    Part10.VerifyRequest request = Part10.parseVerifyPinDirect(command)
        .orElseThrow(() -> new TransportException(new TransportFailure.Io("SCARD_E_INVALID_PARAMETER")));
    Optional<char[]> typed = pad.typed();
    if (typed.isEmpty()) return new byte[] {0x64, 0x01};
    char[] digits = typed.get();
    byte[] apdu = request.command();
    try {
      if (digits.length < request.minDigits() || digits.length > request.maxDigits() || request.offset() + digits.length > apdu.length) {
        return new byte[] {0x64, 0x03}; // a PIN of the wrong length: the reader refuses it, the card sees nothing
      }
      for (int i = 0; i < digits.length; i++) apdu[request.offset() + i] = (byte) (request.ascii() ? digits[i] : digits[i] - '0');
      return process(apdu);
    } finally {
      Arrays.fill(digits, '\0');
      Arrays.fill(apdu, (byte) 0);
    }
  }

  @Override
  public void release() {
    removed = true;
    card.endExclusive(this);
    // pcsc-lite does not reset a card another connection holds (it waits for that one's end).
    if (!card.heldByAnother(this)) card.reset();
    thread.close();
  }
}
