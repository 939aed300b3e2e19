package jp.mynaterm.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT 5 topic scheme, formatted and parsed here and nowhere else. Every topic carries the
 * municipality code, so one broker (or cluster) can serve many cities, and ACLs can be written per
 * city and per terminal:
 *
 * <pre>
 * mynaterm/v1/{municipality}/up/{terminal}/events      terminal → hub   usage events (QoS 1)
 * mynaterm/v1/{municipality}/up/{terminal}/status      terminal → hub   birth, heartbeat, last will (retained)
 * mynaterm/v1/{municipality}/up/{terminal}/requests    terminal → hub   requests (challenge, issuance, list sync)
 * mynaterm/v1/{municipality}/down/{terminal}/acks      hub → terminal   acks of committed events
 * mynaterm/v1/{municipality}/down/{terminal}/responses hub → terminal   responses, matched by correlation id
 * mynaterm/v1/{municipality}/down/{terminal}/config    hub → terminal   config push (retained)
 * mynaterm/v1/{municipality}/down/{terminal}/lists     hub → terminal   list snapshots/deltas this terminal asked for
 * mynaterm/v1/{municipality}/down/{terminal}/alerts    hub → terminal   alerts meant for this terminal (by role or id), withdrawals
 * mynaterm/v1/{municipality}/broadcast/lists/{list}    hub → all        deltas of a list as they happen
 * mynaterm/v1/{municipality}/broadcast/alerts          hub → all        alerts for every terminal, with expiry
 * </pre>
 *
 * A single hub subscribes to the up branch plainly; the hubs of a group on one broker through a
 * shared subscription ({@code $share/GROUP/...}, {@link #everyUp}), so they split the load; a terminal subscribes to its own down branch and to the
 * broadcasts it may read. The hub's rights at the broker are whole branches ({@link WholeBranch}). {@link #parse} and {@link #parseFilter} give back the records these are formatted
 * from. Terminal ids and list names are checked to contain no MQTT wildcards or separators.
 */
public final class Topics {
  public static final String ROOT = "mynaterm/v1";
  public static final String SHARE_GROUP = "hub";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern MUNICIPALITY = Pattern.compile("\\d{6}");
  private static final String SHARE = "$share/" + SHARE_GROUP;
  private static final String UP = "up";
  private static final String DOWN = "down";
  private static final String BROADCAST = "broadcast";
  private static final String LISTS = "lists";
  private static final String ALERTS = "alerts";

  /** The up-branch channels a terminal publishes on. */
  public enum Up {
    EVENTS("events"),
    STATUS("status"),
    REQUESTS("requests");

    public final String segment;

    Up(String segment) {
      this.segment = segment;
    }

    static Optional<Up> of(String segment) {
      return Arrays.stream(values()).filter(c -> c.segment.equals(segment)).findFirst();
    }
  }

  /** The down-branch channels the hub publishes on for one terminal. */
  public enum Down {
    ACKS("acks"),
    RESPONSES("responses"),
    CONFIG("config"),
    LISTS("lists"),
    ALERTS("alerts");

    public final String segment;

    Down(String segment) {
      this.segment = segment;
    }

    static Optional<Down> of(String segment) {
      return Arrays.stream(values()).filter(c -> c.segment.equals(segment)).findFirst();
    }
  }

  /** The two branches of terminals' traffic: up (terminal → hub) and down (hub → terminal). */
  public enum Branch {
    UP(Topics.UP),
    DOWN(Topics.DOWN);

    public final String segment;

    Branch(String segment) {
      this.segment = segment;
    }
  }

  /** The segments after {@code broadcast/}: {@code lists/{list}} and {@code alerts}. */
  public static final List<String> BROADCAST_CHANNELS = List.of(LISTS, ALERTS);

  /** A topic messages are published on, in its parts. */
  public sealed interface Topic {
    String municipality();

    /** The topic string. */
    String topic();
  }

  /** {@code mynaterm/v1/{municipality}/up/{terminal}/{channel}} */
  public record UpTopic(String municipality, String terminal, Up channel) implements Topic {
    public UpTopic {
      checkMunicipality(municipality);
      checkId(terminal);
    }

    @Override
    public String topic() {
      return String.join("/", ROOT, municipality, UP, terminal, channel.segment);
    }
  }

  /** {@code mynaterm/v1/{municipality}/down/{terminal}/{channel}} */
  public record DownTopic(String municipality, String terminal, Down channel) implements Topic {
    public DownTopic {
      checkMunicipality(municipality);
      checkId(terminal);
    }

    @Override
    public String topic() {
      return String.join("/", ROOT, municipality, DOWN, terminal, channel.segment);
    }
  }

  /** {@code mynaterm/v1/{municipality}/broadcast/lists/{list}} */
  public record ListTopic(String municipality, ListName list) implements Topic {
    public ListTopic {
      checkMunicipality(municipality);
    }

    @Override
    public String topic() {
      return String.join("/", ROOT, municipality, BROADCAST, LISTS, list.wire());
    }
  }

  /** {@code mynaterm/v1/{municipality}/broadcast/alerts} */
  public record AlertTopic(String municipality) implements Topic {
    public AlertTopic {
      checkMunicipality(municipality);
    }

    @Override
    public String topic() {
      return String.join("/", ROOT, municipality, BROADCAST, ALERTS);
    }
  }

  /** A subscription filter, in its parts. */
  public sealed interface Filter {
    String municipality();

    /** The filter string. */
    String filter();
  }

  /** The hub's shared subscription to one up channel of every terminal: {@code $share/hub/mynaterm/v1/{municipality}/up/+/{channel}}. */
  public record SharedUp(String municipality, Up channel) implements Filter {
    public SharedUp {
      checkMunicipality(municipality);
    }

    @Override
    public String filter() {
      return String.join("/", SHARE, ROOT, municipality, UP, "+", channel.segment);
    }
  }

  /** What a terminal takes for itself (acks, responses, config, lists): {@code mynaterm/v1/{municipality}/down/{terminal}/#}. */
  public record DownAll(String municipality, String terminal) implements Filter {
    public DownAll {
      checkMunicipality(municipality);
      checkId(terminal);
    }

    @Override
    public String filter() {
      return String.join("/", ROOT, municipality, DOWN, terminal, "#");
    }
  }

  /** Every broadcast of a municipality: {@code mynaterm/v1/{municipality}/broadcast/#}. */
  public record BroadcastAll(String municipality) implements Filter {
    public BroadcastAll {
      checkMunicipality(municipality);
    }

    @Override
    public String filter() {
      return String.join("/", ROOT, municipality, BROADCAST, "#");
    }
  }

  /**
   * One branch of every terminal, the hub's rights at the broker: {@code mynaterm/v1/{municipality}/up/#}
   * (it reads every terminal's up channels) or {@code …/down/#} (it writes every terminal's down channels).
   */
  public record WholeBranch(String municipality, Branch branch) implements Filter {
    public WholeBranch {
      checkMunicipality(municipality);
      java.util.Objects.requireNonNull(branch, "branch");
    }

    @Override
    public String filter() {
      return String.join("/", ROOT, municipality, branch.segment, "#");
    }
  }

  private final String municipality;

  public Topics(String municipality) {
    this.municipality = checkMunicipality(municipality);
  }

  public String municipality() {
    return municipality;
  }

  public String up(String terminal, Up channel) {
    return new UpTopic(municipality, terminal, channel).topic();
  }

  public String down(String terminal, Down channel) {
    return new DownTopic(municipality, terminal, channel).topic();
  }

  /** Every terminal's channel of one kind, for the hub's shared subscription. */
  public String sharedUp(Up channel) {
    return new SharedUp(municipality, channel).filter();
  }

  /**
   * Every terminal's channel of one kind, as a single hub subscribes ({@code group} null), or shared
   * in {@code group} ({@code $share/GROUP/...}) by the hubs of a group on one broker.
   */
  public String everyUp(String group, Up channel) {
    String filter = String.join("/", ROOT, municipality, UP, "+", channel.segment);
    if (group == null) return filter;
    if (!group.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("not a share group name: " + group);
    return "$share/" + group + "/" + filter;
  }

  /** What a terminal subscribes to for itself: acks, responses, config and lists. */
  public String downAll(String terminal) {
    return new DownAll(municipality, terminal).filter();
  }

  public String broadcastList(ListName list) {
    return new ListTopic(municipality, list).topic();
  }

  public String broadcastAlerts() {
    return new AlertTopic(municipality).topic();
  }

  /**
   * Everything a terminal subscribes to, and all the broker lets it read: its own down branch, the
   * alerts, and the broadcasts of the lists it holds ({@link ListName#heldBy}: the revocation list,
   * {@code allow-taxi} for a taxi, {@code staff-library} at the library counter). Never {@code broadcast/#}.
   */
  public List<String> terminalReads(String terminal, List<ListName> lists) {
    List<String> filters = new java.util.ArrayList<>(List.of(downAll(terminal), broadcastAlerts()));
    for (ListName list : lists) filters.add(broadcastList(list));
    return List.copyOf(filters);
  }

  /**
   * Whether a message on {@code topic} may be meant for {@code terminal}: its own down branch or a
   * broadcast it reads. Acks and responses come only on its own down branch ({@link #isOwnDown}).
   */
  public boolean isFor(String terminal, String topic) {
    return parse(topic)
        .filter(t -> switch (t) {
          case DownTopic d -> d.municipality().equals(municipality) && d.terminal().equals(terminal);
          case ListTopic l -> l.municipality().equals(municipality);
          case AlertTopic a -> a.municipality().equals(municipality);
          case UpTopic u -> false;
        })
        .isPresent();
  }

  /** Whether {@code topic} is one of {@code terminal}'s own down channels. */
  public boolean isOwnDown(String terminal, String topic) {
    return parse(topic).filter(t -> t instanceof DownTopic d && d.municipality().equals(municipality) && d.terminal().equals(terminal)).isPresent();
  }

  public String broadcastAll() {
    return new BroadcastAll(municipality).filter();
  }

  /** Every terminal's up or down branch ({@code up/#}, {@code down/#}): the hub's rights, never a terminal's. */
  public String wholeBranch(Branch branch) {
    return new WholeBranch(municipality, branch).filter();
  }

  /** The parts of a topic of this scheme; empty if it is not one (a foreign root, an unknown channel, a wildcard). */
  public static Optional<Topic> parse(String topic) {
    String[] p = rooted(topic);
    if (p == null) return Optional.empty();
    String m = p[2];
    return switch (p[3]) {
      case UP -> p.length == 6 && isId(p[4]) ? Up.of(p[5]).map(c -> new UpTopic(m, p[4], c)) : Optional.empty();
      case DOWN -> p.length == 6 && isId(p[4]) ? Down.of(p[5]).map(c -> new DownTopic(m, p[4], c)) : Optional.empty();
      case BROADCAST -> {
        if (p.length == 5 && p[4].equals(ALERTS)) yield Optional.of(new AlertTopic(m));
        if (p.length == 6 && p[4].equals(LISTS)) yield ListName.parse(p[5]).map(l -> new ListTopic(m, l));
        yield Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** The parts of a subscription filter this scheme uses; empty if it is not one. */
  public static Optional<Filter> parseFilter(String filter) {
    if (filter == null) return Optional.empty();
    boolean shared = filter.startsWith(SHARE + "/");
    String[] p = rooted(shared ? filter.substring(SHARE.length() + 1) : filter);
    if (p == null) return Optional.empty();
    String m = p[2];
    if (shared) {
      return p.length == 6 && p[3].equals(UP) && p[4].equals("+") ? Up.of(p[5]).map(c -> new SharedUp(m, c)) : Optional.empty();
    }
    if (p.length == 6 && p[3].equals(DOWN) && isId(p[4]) && p[5].equals("#")) return Optional.of(new DownAll(m, p[4]));
    if (p.length == 5 && p[3].equals(BROADCAST) && p[4].equals("#")) return Optional.of(new BroadcastAll(m));
    if (p.length == 5 && p[4].equals("#")) {
      for (Branch b : Branch.values()) if (p[3].equals(b.segment)) return Optional.of(new WholeBranch(m, b));
    }
    return Optional.empty();
  }

  /** The segments of a topic under this scheme's root with a valid municipality, or null. */
  private static String[] rooted(String topic) {
    if (topic == null) return null;
    String[] p = topic.split("/", -1);
    if (p.length < 4 || !(p[0] + "/" + p[1]).equals(ROOT) || !MUNICIPALITY.matcher(p[2]).matches()) return null;
    return p;
  }

  /** Whether a terminal id or list segment is safe in a topic: lowercase letters, digits, '-', no wildcards. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String checkId(String id) {
    if (!isId(id)) {
      throw new IllegalArgumentException("not a valid topic id: '" + id + "' (lowercase letters, digits, '-')");
    }
    return id;
  }

  private static String checkMunicipality(String municipality) {
    if (municipality == null || !MUNICIPALITY.matcher(municipality).matches()) {
      throw new IllegalArgumentException("municipality must be a 6-digit code (got '" + municipality + "')");
    }
    return municipality;
  }
}
