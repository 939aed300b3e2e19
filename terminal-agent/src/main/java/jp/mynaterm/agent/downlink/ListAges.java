package jp.mynaterm.agent.downlink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.mynaterm.config.DurationText;
import jp.mynaterm.protocol.ListName;

/**
 * How current a terminal's lists are: each list's age (since the hub last confirmed it current) and
 * the lists that could not be read. Past {@code terminal.maxListAge}, or with a list unreadable, the
 * terminal warns — the taxi's driver by the amber light blinking, counter staff on their page — and
 * says so in its heartbeat, which the hub stores. The revocation list is always counted, held or not:
 * a terminal that never got one cannot refuse a revoked card.
 *
 * @param ages each list's age; a list never confirmed is absent
 * @param faults lists that could not be read, and why
 */
public record ListAges(Map<String, Duration> ages, List<String> neverConfirmed, Map<String, String> faults, Duration max) {
  /** The heartbeat's peripherals key for the lists' state. */
  public static final String STATE_KEY = "lists";

  public ListAges {
    ages = Map.copyOf(ages);
    neverConfirmed = List.copyOf(neverConfirmed);
    faults = Map.copyOf(faults);
  }

  public static ListAges of(DownlinkStore store, Duration max, Instant now) {
    Map<String, Instant> confirmed = store.confirmedAt();
    List<String> lists = new ArrayList<>(List.of(ListName.REVOCATION.wire()));
    for (String held : store.versions().keySet()) if (ListName.parse(held).isPresent() && !lists.contains(held)) lists.add(held);
    Map<String, Duration> ages = new TreeMap<>();
    List<String> never = new ArrayList<>();
    for (String list : lists) {
      Instant at = confirmed.get(list);
      if (at == null) never.add(list);
      else ages.put(list, Duration.between(at, now).isNegative() ? Duration.ZERO : Duration.between(at, now));
    }
    return new ListAges(ages, never, store.readFaults(), max);
  }

  /** Whether the driver or staff should be warned. */
  public boolean warn() {
    return !faults.isEmpty() || !neverConfirmed.isEmpty() || ages.values().stream().anyMatch(a -> a.compareTo(max) > 0);
  }

  /** {@code ok}, or what is wrong, in a line (heartbeat, logs, the counter page). */
  public String state() {
    if (!warn()) return "ok";
    List<String> problems = new ArrayList<>();
    faults.forEach((list, why) -> problems.add(list + " " + why));
    for (String list : neverConfirmed) problems.add(list + " never received from the hub");
    ages.forEach((list, age) -> {
      if (age.compareTo(max) > 0) problems.add(list + " " + DurationText.format(age.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + " old (more than " + DurationText.format(max) + ")");
    });
    return String.join("; ", problems);
  }

  /** Ages in milliseconds, for the heartbeat. */
  public Map<String, Long> agesMs() {
    Map<String, Long> out = new TreeMap<>();
    ages.forEach((list, age) -> out.put(list, age.toMillis()));
    return out;
  }
}
