package jp.mynaterm.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MQTT 5 topic scheme. Every topic carries the municipality code, so one broker (or cluster) can
 * serve many cities, and ACLs can be written per city and per terminal:
 *
 * <pre>
 * mynaterm/v1/{municipality}/up/{terminal}/events      terminal → hub   usage events (QoS 1)
 * mynaterm/v1/{municipality}/up/{terminal}/status      terminal → hub   birth, heartbeat, last will (retained)
 * mynaterm/v1/{municipality}/up/{terminal}/requests    terminal → hub   requests (challenge, issuance, list sync)
 * mynaterm/v1/{municipality}/down/{terminal}/acks      hub → terminal   acks of committed events
 * mynaterm/v1/{municipality}/down/{terminal}/responses hub → terminal   responses, matched by correlation id
 * mynaterm/v1/{municipality}/down/{terminal}/config    hub → terminal   config push (retained)
 * mynaterm/v1/{municipality}/down/{terminal}/lists     hub → terminal   list snapshots/deltas this terminal asked for
 * mynaterm/v1/{municipality}/broadcast/lists/{list}    hub → all        deltas of a list as they happen
 * mynaterm/v1/{municipality}/broadcast/alerts          hub → all        alerts with expiry
 * </pre>
 *
 * The hub subscribes to the up branch through a shared subscription ({@code $share/hub/...}), so
 * several hub processes split the load. Terminal ids are checked to contain no MQTT wildcards or
 * separators.
 */
public final class Topics {
  public static final String ROOT = "mynaterm/v1";
  public static final String SHARE_GROUP = "hub";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern UP =
      Pattern.compile("mynaterm/v1/(\\d{6})/up/([a-z0-9][a-z0-9-]{0,62})/(events|status|requests)");

  /** The up-branch channels a terminal publishes on. */
  public enum Up {
    EVENTS("events"),
    STATUS("status"),
    REQUESTS("requests");

    public final String segment;

    Up(String segment) {
      this.segment = segment;
    }
  }

  /** The down-branch channels the hub publishes on for one terminal. */
  public enum Down {
    ACKS("acks"),
    RESPONSES("responses"),
    CONFIG("config"),
    LISTS("lists");

    public final String segment;

    Down(String segment) {
      this.segment = segment;
    }
  }

  private final String municipality;

  public Topics(String municipality) {
    if (municipality == null || !municipality.matches("\\d{6}")) {
      throw new IllegalArgumentException("municipality must be a 6-digit code (got '" + municipality + "')");
    }
    this.municipality = municipality;
  }

  public String municipality() {
    return municipality;
  }

  public String up(String terminal, Up channel) {
    return base() + "/up/" + checkId(terminal) + "/" + channel.segment;
  }

  public String down(String terminal, Down channel) {
    return base() + "/down/" + checkId(terminal) + "/" + channel.segment;
  }

  /** Every terminal's channel of one kind, for the hub's shared subscription. */
  public String sharedUp(Up channel) {
    return "$share/" + SHARE_GROUP + "/" + base() + "/up/+/" + channel.segment;
  }

  /** What a terminal subscribes to for itself: acks, responses, config and lists. */
  public String downAll(String terminal) {
    return base() + "/down/" + checkId(terminal) + "/#";
  }

  public String broadcastList(String list) {
    return base() + "/broadcast/lists/" + checkId(list);
  }

  public String broadcastAlerts() {
    return base() + "/broadcast/alerts";
  }

  public String broadcastAll() {
    return base() + "/broadcast/#";
  }

  private String base() {
    return ROOT + "/" + municipality;
  }

  /** The municipality, terminal and channel of an up-branch topic; empty if it is not one. */
  public static Optional<UpTopic> parseUp(String topic) {
    Matcher m = UP.matcher(topic);
    if (!m.matches()) return Optional.empty();
    Up channel =
        switch (m.group(3)) {
          case "events" -> Up.EVENTS;
          case "status" -> Up.STATUS;
          default -> Up.REQUESTS;
        };
    return Optional.of(new UpTopic(m.group(1), m.group(2), channel));
  }

  public record UpTopic(String municipality, String terminal, Up channel) {}

  private static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid topic id: '" + id + "' (lowercase letters, digits, '-')");
    }
    return id;
  }
}
