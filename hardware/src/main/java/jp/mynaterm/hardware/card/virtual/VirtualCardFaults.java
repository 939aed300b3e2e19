package jp.mynaterm.hardware.card.virtual;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults a test switches on to see how the host copes: the card pulled mid-command, slow answers,
 * T=0-style answers ({@code 61 xx} / {@code 6C xx}), and canned raw answers (garbage, truncated,
 * random status words) for the next commands.
 */
public final class VirtualCardFaults {
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean t0Style;
  private volatile boolean getResponseForAll;
  private volatile int pullAfter = -1;
  private final Deque<byte[]> canned = new ArrayDeque<>();

  /** Every answer takes at least this long. */
  public VirtualCardFaults slowAnswers(Duration d) {
    delay = d;
    return this;
  }

  /** Answers as a T=0 card behind a simple reader would: {@code 61 xx} for data after a command with
   * data, {@code 6C xx} when Le does not match what is there. */
  public VirtualCardFaults t0Style(boolean on) {
    t0Style = on;
    return this;
  }

  /**
   * Answers every command that returns data (READ BINARY, SIGN) with {@code 61 xx} and holds the data
   * for GET RESPONSE, which it takes with class 00 only ({@code 6E 00} otherwise, as strict cards do)
   * and answers {@code 6C xx} when asked for more than waits.
   */
  public VirtualCardFaults getResponseForAll(boolean on) {
    getResponseForAll = on;
    return this;
  }

  /** After {@code commands} more commands are answered, the card is pulled in the middle of the next one. */
  public VirtualCardFaults pullAfter(int commands) {
    pullAfter = commands;
    return this;
  }

  /** The next commands get these raw answers instead of the card's (one each, in order). */
  public synchronized VirtualCardFaults answerNext(byte[]... raw) {
    for (byte[] r : raw) canned.add(r.clone());
    return this;
  }

  public synchronized VirtualCardFaults clear() {
    delay = Duration.ZERO;
    t0Style = false;
    getResponseForAll = false;
    pullAfter = -1;
    canned.clear();
    return this;
  }

  Duration delay() {
    return delay;
  }

  boolean t0Style() {
    return t0Style;
  }

  boolean getResponseForAll() {
    return getResponseForAll;
  }

  synchronized byte[] nextCanned() {
    return canned.poll();
  }

  /** True when this command is the one during which the card is pulled. */
  synchronized boolean pullNow() {
    if (pullAfter < 0) return false;
    if (pullAfter == 0) {
      pullAfter = -1;
      return true;
    }
    pullAfter--;
    return false;
  }
}
