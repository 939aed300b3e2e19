package jp.mynaterm.agent.taxi;

import java.math.BigInteger;
import java.time.Instant;
import jp.mynaterm.protocol.card.CardId;

/** What the card reader made of a card laid on it. */
public sealed interface Tap {

  /**
   * A My Number card whose user-authentication certificate chains to the trusted CA.
   *
   * @param serial the certificate's serial, for the revocation check
   * @param notAfter when the certificate expires
   * @param pinVerified whether the rider also entered the PIN and the card signed a challenge
   */
  record Card(CardId cardId, BigInteger serial, Instant notAfter, boolean pinVerified) implements Tap {}

  /**
   * No usable card: {@code not-my-number-card}, {@code removed} (pulled too soon), {@code untrusted}
   * (the certificate does not chain to the trusted CA), {@code pin-failed} (PIN required and wrong).
   */
  record Unreadable(String reason) implements Tap {}
}
