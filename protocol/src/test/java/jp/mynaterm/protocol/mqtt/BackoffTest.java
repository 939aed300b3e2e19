package jp.mynaterm.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void theCeilingDoublesUpToTheCapAndResetsAfterASuccess() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    long[] ceilings = new long[6];
    for (int i = 0; i < ceilings.length; i++) {
      ceilings[i] = b.ceiling().toMillis();
      assertTrue(b.next().toMillis() <= ceilings[i]);
    }
    assertEquals(1000, ceilings[0]);
    assertEquals(2000, ceilings[1]);
    assertEquals(8000, ceilings[3]);
    assertEquals(10_000, ceilings[5]);
    b.reset();
    assertEquals(1000, b.ceiling().toMillis());
  }

  @Test
  void terminalsRetryingAtTheSameStepSpreadOutInsteadOfReconnectingInLockstep() {
    Set<Long> waits = new HashSet<>();
    for (int terminal = 0; terminal < 1000; terminal++) {
      Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
      for (int i = 0; i < 5; i++) b.next();
      waits.add(b.next().toMillis());
    }
    assertTrue(waits.size() > 500, "1000 terminals at their sixth retry chose only " + waits.size() + " distinct waits");
  }
}
