package jp.mynaterm.hardware.gpio;

import java.time.Instant;

/** One output or input changing: what the demo shows and what tests can follow. */
public record StateChange(String device, boolean on, Instant at) {
  @Override
  public String toString() {
    return device + (on ? " on" : " off");
  }
}
