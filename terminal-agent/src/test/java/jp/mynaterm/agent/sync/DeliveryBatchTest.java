package jp.mynaterm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import jp.mynaterm.agent.outbox.Pending;
import org.junit.jupiter.api.Test;

/** Batches are bounded by bytes, not only by a count of events. */
class DeliveryBatchTest {
  private static List<Pending> sized(int... bytes) {
    return IntStream.range(0, bytes.length).mapToObj(i -> new Pending(i + 1, 0, new byte[bytes[i]])).toList();
  }

  @Test
  void aBatchTakesTheEventsThatFitInTheBudget() {
    assertEquals(3, Delivery.fitting(sized(100, 100, 100), 1000).size());
    assertEquals(2, Delivery.fitting(sized(400, 400, 400), 1000).size());
    assertEquals(1, Delivery.fitting(sized(2000, 10), 1000).size(), "an event over the budget comes alone (to be set aside)");
  }
}
