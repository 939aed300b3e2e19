package jp.mynaterm.hardware.gpio;

import java.time.Duration;
import java.util.List;

/**
 * Named sounds. Each is a list of on/off steps starting with "on"; they differ in rhythm so a rider
 * can tell them apart without looking: one short beep for ok, two long for refused, three quick for
 * attention, a long-short-long for a fault.
 */
public enum BuzzerPattern {
  OK(ms(120)),
  REFUSED(ms(400, 150, 400)),
  ATTENTION(ms(80, 80, 80, 80, 80)),
  FAULT(ms(600, 120, 150, 120, 600));

  private final List<Duration> steps;

  BuzzerPattern(List<Duration> steps) {
    this.steps = steps;
  }

  /** Alternating on/off durations; the first is on, and the buzzer is off after the last. */
  public List<Duration> steps() {
    return steps;
  }

  /** How many times the buzzer sounds in this pattern. */
  public int beeps() {
    return (steps.size() + 1) / 2;
  }

  private static List<Duration> ms(long... millis) {
    return java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toList();
  }
}
