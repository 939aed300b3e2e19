package jp.mynaterm.hub.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.mynaterm.config.FleetSettings;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.message.Heartbeat;

/**
 * When a terminal needs staff (issue #18 §2), with the thresholds of {@link FleetSettings} ({@code fleet:}
 * in the hub's configuration): offline longer than {@code offlineAfter}; an outbox growing (its depth
 * up {@code outboxRisingHeartbeats} heartbeats in a row) or not draining (its oldest unsent event older
 * than {@code outboxOldest}); a list the hub has not confirmed for longer than {@code staleListAfter},
 * or one the terminal itself warns about; a printer out of paper or jammed. Judged on the terminal's
 * newest heartbeat, an offline terminal's included (what it last said is still the best known).
 */
public final class FleetRules {
  /** The heartbeat's key for the lists' own state ({@code ok} or the terminal's warning), as agents send it. */
  static final String LISTS_KEY = "lists";

  private final FleetSettings settings;

  public FleetRules(FleetSettings settings) {
    this.settings = settings;
  }

  public List<FleetAlert> alerts(TerminalRepository.Fleet t, Instant now) {
    String id = t.seen().terminal();
    List<FleetAlert> out = new ArrayList<>();
    Duration silent = Duration.between(t.seen().at(), now);
    if (!t.seen().online(now) && silent.compareTo(settings.offlineAfter()) > 0) {
      String why = t.seen().kind().equals("last-will") ? "（接続断の通知あり）" : "";
      out.add(new FleetAlert(id, FleetAlert.Kind.OFFLINE, "オフライン " + duration(silent) + why,
          "offline for " + duration(silent) + (why.isEmpty() ? "" : " (its last will came)")));
    }
    if (t.heartbeat().isEmpty()) return out;
    Heartbeat h = t.heartbeat().get();
    if (t.queueRises() >= settings.outboxRisingHeartbeats()) {
      out.add(new FleetAlert(id, FleetAlert.Kind.OUTBOX_GROWING, "未送信が増え続けています（" + t.queueRises() + "回連続、" + h.queueDepth() + "件）",
          "outbox growing: up " + t.queueRises() + " heartbeats in a row, " + h.queueDepth() + " unsent"));
    }
    Duration oldest = Duration.ofMillis(h.oldestUnsentAgeMs());
    if (h.queueDepth() > 0 && oldest.compareTo(settings.outboxOldest()) > 0) {
      out.add(new FleetAlert(id, FleetAlert.Kind.OUTBOX_STUCK, "最も古い未送信の記録が " + duration(oldest) + " 前のものです",
          "oldest unsent event " + duration(oldest) + " old"));
    }
    for (var list : listAges(t, now).entrySet()) {
      if (list.getValue().compareTo(settings.staleListAfter()) > 0) {
        out.add(new FleetAlert(id, FleetAlert.Kind.STALE_LIST, list.getKey() + " が " + duration(list.getValue()) + " 更新されていません",
            list.getKey() + " not confirmed for " + duration(list.getValue())));
      }
    }
    String lists = h.peripherals().get(LISTS_KEY);
    if (lists != null && !lists.equals("ok")) {
      out.add(new FleetAlert(id, FleetAlert.Kind.STALE_LIST, "端末の警告: " + lists, "the terminal warns: " + lists));
    }
    for (var device : h.peripherals().entrySet()) {
      Paper paper = paper(device.getValue());
      if (paper == Paper.OUT || paper == Paper.JAM) {
        out.add(new FleetAlert(id, FleetAlert.Kind.PAPER, device.getKey() + ": " + (paper == Paper.OUT ? "用紙切れ" : "紙詰まり"),
            device.getKey() + ": " + (paper == Paper.OUT ? "paper out" : "paper jam")));
      }
    }
    return out;
  }

  /**
   * Each list's age now: its age when the heartbeat was sent plus the time since (a terminal gone quiet
   * does not keep its lists young).
   */
  static Map<String, Duration> listAges(TerminalRepository.Fleet t, Instant now) {
    Map<String, Duration> ages = new java.util.TreeMap<>();
    if (t.heartbeat().isEmpty()) return ages;
    Duration since = t.heartbeatAt() == null ? Duration.ZERO : Duration.between(t.heartbeatAt(), now);
    if (since.isNegative()) since = Duration.ZERO;
    for (var e : t.heartbeat().get().listAgeMs().entrySet()) ages.put(e.getKey(), Duration.ofMillis(e.getValue()).plus(since));
    return ages;
  }

  /** A printer's paper as its state line says it (the hardware module's words: "paper out", "jammed"). */
  enum Paper { OK, NEAR_END, OUT, JAM, OTHER }

  static Paper paper(String state) {
    String s = state.toLowerCase(Locale.ROOT);
    if (s.equals("ok")) return Paper.OK;
    if (s.contains("jam")) return Paper.JAM;
    if (s.contains("paper out") || s.contains("out of paper")) return Paper.OUT;
    if (s.contains("near end")) return Paper.NEAR_END;
    return Paper.OTHER;
  }

  /** Minutes for short spans, hours and days for long ones: "45m", "3h 5m", "2d 4h". */
  static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) return Math.max(0, minutes) + "m";
    if (minutes < 24 * 60) return (minutes / 60) + "h " + (minutes % 60) + "m";
    return d.toDays() + "d " + d.toHoursPart() + "h";
  }
}
