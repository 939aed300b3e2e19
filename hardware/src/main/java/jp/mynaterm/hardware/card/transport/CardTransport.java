package jp.mynaterm.hardware.card.transport;

import java.time.Duration;

/**
 * The one way bytes reach a card: a command APDU in, the response APDU (data and SW1 SW2) out, or a
 * typed {@link TransportFailure}. Implementations: PC/SC ({@code PcscCard}), the virtual card in this
 * process ({@code InProcessCard}), and for tests a recording and a replay of fixture files. APDUs
 * are built and guarded above it, in {@code ApduChannel} only.
 */
@FunctionalInterface
public interface CardTransport {
  /**
   * Sends {@code command} and returns the card's whole answer, status word included.
   *
   * @param limit how long to wait for the answer; past it the failure is {@link TransportFailure.Timeout}
   */
  byte[] transmit(byte[] command, Duration limit) throws TransportException;
}
