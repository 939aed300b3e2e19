package jp.mynaterm.hub.downlink;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What staff see of the alerts they sent: each alert, and for every terminal it is for whether it
 * has stored and shown it yet — "who has and who has not" (the CLI's {@code hub alert list}, the console).
 */
public final class AlertReport {
  private static final AlertRepository.Ack NOT_YET = new AlertRepository.Ack(Optional.empty(), Optional.empty());

  /** One alert: as sent, whether it is showing now, and each terminal's acknowledgement (empty: not yet). */
  public record Row(AlertRepository.Sent sent, boolean active, Map<String, AlertRepository.Ack> terminals) {
    public long shownBy() {
      return terminals.values().stream().filter(a -> a.shown().isPresent()).count();
    }

    public long receivedBy() {
      return terminals.values().stream().filter(a -> a.received().isPresent() || a.shown().isPresent()).count();
    }
  }

  private AlertReport() {}

  /** The newest {@code limit} alerts; the terminals of each are those it is for now, and any that acknowledged it. */
  public static List<Row> newest(Downlink downlink, int limit, Instant now) throws SQLException {
    AlertRepository alerts = downlink.alerts();
    List<Row> out = new java.util.ArrayList<>();
    for (AlertRepository.Sent sent : alerts.list(limit)) {
      Map<String, AlertRepository.Ack> terminals = new TreeMap<>();
      for (String t : downlink.alertRecipients(sent.alert())) terminals.put(t, NOT_YET);
      terminals.putAll(alerts.acks(sent.alert().alertId()));
      out.add(new Row(sent, sent.active(now), terminals));
    }
    return out;
  }
}
