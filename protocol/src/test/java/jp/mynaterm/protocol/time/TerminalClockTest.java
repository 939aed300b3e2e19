package jp.mynaterm.protocol.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalClockTest {
  @Test
  void monotonicTimeNeverGoesBackAndBootIdStaysWithinABoot() {
    TerminalClock clock = TerminalClock.system();
    Stamp previous = clock.now();
    for (int i = 0; i < 10_000; i++) {
      Stamp next = clock.now();
      assertTrue(next.monoMs() >= previous.monoMs());
      assertEquals(previous.bootId(), next.bootId());
      previous = next;
    }
    assertFalse(previous.bootId().isBlank());
  }

  @Test
  void anUnsyncedClockSaysSo() {
    var clock = TerminalClock.of(java.time.Clock.systemUTC(), "boot-x", false);
    assertFalse(clock.now().synced());
  }
}
