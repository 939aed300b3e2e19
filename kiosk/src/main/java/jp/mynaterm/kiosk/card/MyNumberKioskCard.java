package jp.mynaterm.kiosk.card;

import java.security.cert.CertificateEncodingException;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.hardware.card.CardCertificates;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.pinpad.PinEntry;
import jp.mynaterm.hardware.card.pinpad.PinPad;
import jp.mynaterm.kiosk.flow.KioskCard;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;

/**
 * The kiosk's card over PC/SC (or an in-process virtual card): one connection from {@link #identify}
 * to {@link #release}, so the PIN verified in it is good for the signature and is dropped with the
 * reset on release. The certificate is checked here first (chain, validity, the revocation list the
 * hub sends) so no PIN try is spent on a card the hub would refuse anyway; the hub checks it again.
 */
public final class MyNumberKioskCard implements KioskCard {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MyNumberKioskCard.class);
  private final CardOnReader reader;
  private final CardVerifier verifier;
  private MyNumberCard connected;

  public MyNumberKioskCard(CardOnReader reader, CardVerifier verifier) {
    this.reader = reader;
    this.verifier = verifier;
  }

  @Override
  public synchronized CardIdentity identify() throws KioskCard.CardProblem {
    release();
    connected = value(reader.connect());
    CardCertificates certificates = value(connected.certificates());
    CardVerdict verdict = verifier.checkCertificate(certificates.userAuth(), certificates.ca());
    if (!(verdict instanceof CardVerdict.Trusted trusted)) {
      throw new KioskCard.CardProblem(KioskCard.CardProblem.Kind.NOT_ACCEPTED, verdict.describe());
    }
    if (trusted.clockUnsynced()) log.warn("card {}: certificate dates checked against an unsynced clock (an expired card may pass)", trusted.cardId());
    try {
      return new CardIdentity(certificates.userAuth().getEncoded(), certificates.ca().getEncoded(), trusted.cardId().value());
    } catch (CertificateEncodingException e) {
      throw new KioskCard.CardProblem(KioskCard.CardProblem.Kind.FAILED, "certificate not encodable: " + e.getMessage());
    }
  }

  @Override
  public synchronized int triesLeft() throws KioskCard.CardProblem {
    return value(card().pinTriesLeft());
  }

  @Override
  public synchronized PinCheck verifyPin(char[] pin) throws KioskCard.CardProblem {
    return pinCheck(card().verifyUserAuthPin(pin));
  }

  @Override
  public synchronized boolean hasPinPad() throws KioskCard.CardProblem {
    return card().pinPad().isPresent();
  }

  /** The counters' way ({@code PinDesk}): {@link PinEntry.OnReaderPad}, one VERIFY whose digits the reader fills in. */
  @Override
  public synchronized PinCheck verifyPinOnPad() throws KioskCard.CardProblem {
    MyNumberCard c = card();
    PinPad pad = c.pinPad().orElseThrow(() -> new KioskCard.CardProblem(KioskCard.CardProblem.Kind.FAILED, "the reader has no PIN pad"));
    return pinCheck(c.verifyUserAuthPin(new PinEntry.OnReaderPad(pad)));
  }

  private static PinCheck pinCheck(CardResult<Boolean> verify) throws KioskCard.CardProblem {
    return switch (verify) {
      case CardResult.Ok<Boolean> ok -> new PinCheck.Verified();
      case CardResult.Failed<Boolean> f -> switch (f.problem()) {
        case jp.mynaterm.hardware.card.apdu.CardProblem.WrongPin w -> w.triesLeft() == 0 ? new PinCheck.Blocked() : new PinCheck.Wrong(w.triesLeft());
        case jp.mynaterm.hardware.card.apdu.CardProblem.PinBlocked b -> new PinCheck.Blocked();
        case jp.mynaterm.hardware.card.apdu.CardProblem.PinEntryNotMade n -> new PinCheck.NotEntered(n.cancelled());
        case jp.mynaterm.hardware.card.apdu.CardProblem other -> throw problem(other);
      };
    };
  }

  @Override
  public synchronized byte[] sign(byte[] data) throws KioskCard.CardProblem {
    return value(card().signWithUserAuth(data));
  }

  @Override
  public synchronized void release() {
    if (connected != null) {
      connected.disconnect();
      connected = null;
    }
  }

  private MyNumberCard card() throws KioskCard.CardProblem {
    if (connected == null) throw new KioskCard.CardProblem(KioskCard.CardProblem.Kind.REMOVED, "no card session");
    return connected;
  }

  private static <T> T value(CardResult<T> result) throws KioskCard.CardProblem {
    return switch (result) {
      case CardResult.Ok<T> ok -> ok.value();
      case CardResult.Failed<T> f -> throw problem(f.problem());
    };
  }

  /** What the flow needs to know of a card problem: gone, not a My Number card, or failed. */
  static KioskCard.CardProblem problem(jp.mynaterm.hardware.card.apdu.CardProblem p) {
    KioskCard.CardProblem.Kind kind = switch (p) {
      case jp.mynaterm.hardware.card.apdu.CardProblem.NoCard n -> KioskCard.CardProblem.Kind.REMOVED;
      case jp.mynaterm.hardware.card.apdu.CardProblem.CardRemoved r -> KioskCard.CardProblem.Kind.REMOVED;
      case jp.mynaterm.hardware.card.apdu.CardProblem.NotMyNumberCard n -> KioskCard.CardProblem.Kind.NOT_A_MY_NUMBER_CARD;
      default -> KioskCard.CardProblem.Kind.FAILED;
    };
    return new KioskCard.CardProblem(kind, p.describe());
  }
}
