package jp.mynaterm.protocol.message;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import jp.mynaterm.protocol.time.TerminalClock;

/** Wraps bodies into envelopes for one sender: a fresh time-ordered id and the current stamp each. */
public final class MessageFactory {
  private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

  private final String municipality;
  private final String terminal;
  private final TerminalClock clock;

  /**
   * @param terminal the terminal this sender is (terminals), or speaks to (the hub makes one per
   *     terminal, or uses {@code *} for broadcasts)
   */
  public MessageFactory(String municipality, String terminal, TerminalClock clock) {
    this.municipality = municipality;
    this.terminal = terminal;
    this.clock = clock;
  }

  public Envelope envelope(Body body) {
    return new Envelope(Envelope.SCHEMA, header(), body);
  }

  /** A new message's header: what {@link #envelope} puts around a body (and a sender writing the body itself uses). */
  public Header header() {
    return new Header(newId(), terminal, municipality, clock.now());
  }

  /** The same sender speaking about (or to) another terminal. */
  public MessageFactory forTerminal(String otherTerminal) {
    return new MessageFactory(municipality, otherTerminal, clock);
  }

  public TerminalClock clock() {
    return clock;
  }

  /** A UUID version 7: time-ordered, so ids sort by creation time. */
  public static String newId() {
    return IDS.generate().toString();
  }
}
