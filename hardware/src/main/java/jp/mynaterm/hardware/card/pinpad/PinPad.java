package jp.mynaterm.hardware.card.pinpad;

import java.time.Duration;
import java.util.Optional;
import jp.mynaterm.hardware.card.transport.ReaderControl;
import jp.mynaterm.hardware.card.transport.TransportException;

/**
 * A reader's own PIN pad ({@link Part10#FEATURE_VERIFY_PIN_DIRECT}): the resident types the PIN on the
 * reader, which puts it into the VERIFY itself, so the PIN never passes through this host.
 *
 * @param verifyPinDirect the control code the reader gave the feature
 */
public record PinPad(ReaderControl control, int verifyPinDirect) {
  /**
   * How long the host waits for a PIN entry on the pad: the reader's own limits (first key, then
   * between keys) for every digit, and a margin.
   */
  public static final Duration ENTRY_LIMIT = Duration.ofSeconds((long) Part10.PAD_TIMEOUT_SECONDS * (Part10.PIN_DIGITS + 1) + 10);

  /** The reader's PIN pad, when its part 10 features list one; a reader that does not answer has none. */
  public static Optional<PinPad> discover(ReaderControl control, Duration limit) {
    try {
      Integer code = Part10.features(control.control(Part10.CM_IOCTL_GET_FEATURE_REQUEST, new byte[0], limit)).get(Part10.FEATURE_VERIFY_PIN_DIRECT);
      return code == null ? Optional.empty() : Optional.of(new PinPad(control, code));
    } catch (TransportException e) {
      return Optional.empty(); // a reader without part 10 refuses the request
    }
  }

  /**
   * Lets the resident type the PIN on the pad into {@code verifyTemplate} (a VERIFY with placeholder
   * data) and returns the card's answer, or the reader's {@link Part10#SW_PAD_TIMEOUT} / {@link Part10#SW_PAD_CANCELLED}.
   */
  public byte[] verify(byte[] verifyTemplate) throws TransportException {
    return control.control(verifyPinDirect, Part10.verifyPinDirect(verifyTemplate), ENTRY_LIMIT);
  }
}
