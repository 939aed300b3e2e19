package jp.mynaterm.hardware.card.transport;

import java.time.Duration;

/**
 * A reader's control channel ({@code SCardControl}, {@code Card.transmitControlCommand}): where PC/SC
 * part 10 features live, such as secure PIN entry on the reader's own pad (features are listed with
 * {@code CM_IOCTL_GET_FEATURE_REQUEST}). Offered by {@link ConnectedCard#control()} where the reader has one.
 */
@FunctionalInterface
public interface ReaderControl {
  byte[] control(int controlCode, byte[] command, Duration limit) throws TransportException;
}
