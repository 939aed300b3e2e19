package jp.mynaterm.hub.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages refused by ingest, counted by reason; each reason is logged the first time only, so a
 * misbehaving terminal cannot flood the log. */
public final class Rejects {
  private static final Logger log = LoggerFactory.getLogger(Rejects.class);

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void count(String reason, String topic, String detail) {
    LongAdder adder = counts.computeIfAbsent(reason, r -> new LongAdder());
    adder.increment();
    if (adder.sum() == 1) {
      log.warn("rejected a message on {}: {} ({}); further rejects for this reason are counted, not logged", topic, reason, detail);
    }
  }

  /** Reason → count, sorted by reason. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
