package jp.mynaterm.hardware.card.virtual;

import java.util.Optional;

/**
 * The keys a resident presses on the virtual reader's own PIN pad, for {@link InProcessCard}'s
 * {@code FEATURE_VERIFY_PIN_DIRECT}: the digits typed before OK, or empty when Cancel was pressed.
 * The reader (here: the in-process card) puts them into the VERIFY itself; host code never sees them.
 */
@FunctionalInterface
public interface VirtualPinPad {
  /** The digits typed before OK (the reader wipes the array after use); empty for Cancel. */
  Optional<char[]> typed();
}
