package jp.mynaterm.hub.workqueue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.StoredEvent;
import jp.mynaterm.hub.storage.StoredJson;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * What staff must handle, from where it already is: linking notices ({@code link_notice}), requests
 * residents left at kiosks while the hub was down ({@link QueuedRequests}, fulfilled or void),
 * {@link StaffAlert} events (a failed refund, a jammed printer, a loan the library system refused: shown
 * by their problem, whatever the terminal), and what terminals set aside (events in conflict with a
 * stored one, events and outbox files their heartbeats report set aside). Each item says who handled it
 * and when; handling is recorded once, with an audit entry in the same transaction.
 *
 * <p>Each item carries the staff roles it is for (administrators see all): a notice by its service, an
 * alert by the role of the terminal that raised it, a kiosk request for kiosk staff, the terminals' data
 * for administrators only. So a librarian never sees kiosk money.
 */
public final class WorkQueues {
  /** The queues, each a page of the console. */
  public enum Kind {
    NOTICES("notices"),
    KIOSK_REQUESTS("kiosk-requests"),
    STAFF_ALERTS("staff-alerts"),
    TERMINAL_DATA("terminal-data");

    public final String id;

    Kind(String id) {
      this.id = id;
    }
  }

  /** Who handled an item, when, and their note. */
  public record Handled(String by, Instant at, String note) {}

  /**
   * One thing to handle.
   *
   * @param key stable within its kind (the cause's terminal, epoch and sequence; a request's number)
   * @param what the kind of problem (a message key's last part for alerts, the notice's text for notices)
   * @param detail facts staff need (never a name, an address or a My Number)
   * @param roles who it is for, besides administrators
   */
  public record Item(Kind kind, String key, Instant at, String terminal, String what, String detail, Set<StaffRole> roles, Optional<Handled> handled) {
    public boolean open() {
      return handled.isEmpty();
    }
  }

  /** The item is unknown, or was handled already (each is handled once). */
  public static final class NotOpen extends Exception {
    public NotOpen(String message) {
      super(message, null, false, false);
    }
  }

  private static final int LIMIT = 500;
  private final Database db;
  private final Clock clock;
  private final EventRepository events;
  private final TerminalRepository terminals;
  private final QueuedRequests requests;

  public WorkQueues(Database db, Clock clock, QueuedRequests requests) {
    this.db = db;
    this.clock = clock;
    this.events = new EventRepository(db);
    this.terminals = new TerminalRepository(db);
    this.requests = requests;
  }

  /** The items of one queue, newest first, open and handled alike. */
  public List<Item> items(Kind kind) throws SQLException {
    return switch (kind) {
      case NOTICES -> notices();
      case KIOSK_REQUESTS -> kioskRequests();
      case STAFF_ALERTS -> staffAlerts();
      case TERMINAL_DATA -> terminalData();
    };
  }

  /** Items a user with {@code roles} may see. */
  public static boolean visible(Item item, Set<StaffRole> roles) {
    return roles.contains(StaffRole.ADMINISTRATOR) || roles.contains(StaffRole.AUDITOR) || item.roles().stream().anyMatch(roles::contains);
  }

  /**
   * Marks an item handled by {@code staff}, with an audit entry in the same transaction
   * ({@code queue.handled}; {@code request.fulfilled} or {@code request.void} for a kiosk's request, which
   * {@link QueuedRequests#decide} records, {@code outcome} saying which). The console and
   * {@code ./mynaterm hub requests fulfil|void} both come here.
   */
  public void handle(Kind kind, String key, String staff, String note, QueuedRequests.State outcome) throws SQLException, NotOpen {
    Instant now = clock.instant();
    if (kind == Kind.KIOSK_REQUESTS) {
      try {
        requests.decide(key, outcome, staff, note, now,
            c -> new AuditLog(db, clock).append(c, staff, "request." + outcome.name().toLowerCase(java.util.Locale.ROOT), key, note));
      } catch (QueuedRequests.NotOpen e) {
        throw new NotOpen(e.getMessage());
      }
      return;
    }
    if (find(kind, key).isEmpty()) throw new NotOpen("no " + kind.id + " item " + key);
    boolean done = db.write(c -> {
      int n;
      try (var p = c.prepareStatement("INSERT INTO work_item_handled (kind, item_key, handled_by, handled_at, note) SELECT ?, ?, ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM work_item_handled WHERE kind = ? AND item_key = ?)")) {
        p.setString(1, kind.id);
        p.setString(2, key);
        p.setString(3, staff);
        p.setString(4, now.toString());
        p.setString(5, note);
        p.setString(6, kind.id);
        p.setString(7, key);
        n = p.executeUpdate();
      }
      if (n > 0) new AuditLog(db, clock).append(c, staff, "queue.handled", kind.id + " " + key, note);
      return n > 0;
    });
    if (!done) throw new NotOpen(key + " was handled already");
  }

  public Optional<Item> find(Kind kind, String key) throws SQLException {
    return items(kind).stream().filter(i -> i.key().equals(key)).findFirst();
  }

  private List<Item> notices() throws SQLException {
    Map<String, Handled> handled = handled(Kind.NOTICES);
    return db.list("SELECT n.terminal, n.epoch, n.seq, n.n, n.noted_at, n.text, e.record FROM link_notice n LEFT JOIN events e"
        + " ON e.terminal = n.terminal AND e.epoch = n.epoch AND e.seq = n.seq ORDER BY n.noted_at DESC LIMIT ?", rs -> {
          String key = rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3) + "/" + rs.getInt(4);
          String service = rs.getString(7) == null ? "" : service(StoredJson.read(rs.getString(7), EventRecord.class));
          return new Item(Kind.NOTICES, key, Instant.parse(rs.getString(5)), rs.getString(1), rs.getString(6), service, rolesOfService(service),
              Optional.ofNullable(handled.get(key)));
        }, LIMIT);
  }

  private List<Item> kioskRequests() throws SQLException {
    List<Item> out = new ArrayList<>();
    for (var q : requests.list(LIMIT)) {
      var r = q.request();
      String detail = r.certificateType() + " x" + r.copies() + ", " + r.delivery() + ", " + r.feeYen() + " yen"
          + ", resident " + q.residentId().orElse("-") + ", " + q.check().text;
      Optional<Handled> handled = q.outcome().map(o -> new Handled(o.staff(), o.decidedAt(), o.state().name().toLowerCase(java.util.Locale.ROOT)
          + (o.note().isEmpty() ? "" : ": " + o.note())));
      out.add(new Item(Kind.KIOSK_REQUESTS, r.requestId(), q.requestedAt(), q.terminal(), "request", detail, Set.of(StaffRole.KIOSK_STAFF), handled));
    }
    return out;
  }

  private List<Item> staffAlerts() throws SQLException {
    Map<String, Handled> handled = handled(Kind.STAFF_ALERTS);
    List<Item> out = new ArrayList<>();
    for (StoredEvent e : events.newestOfType(EventTypes.of(StaffAlert.class), LIMIT)) {
      if (!(e.record().event() instanceof StaffAlert a)) continue;
      String key = key(e);
      String detail = (a.verificationCode().isEmpty() ? "" : a.verificationCode()) + (a.amountYen() > 0 ? ", " + a.amountYen() + " yen" : "");
      out.add(new Item(Kind.STAFF_ALERTS, key, e.record().time().wall(), e.key().terminal(), a.problem(), detail,
          rolesOfTerminal(terminals.roleOf(e.key().terminal()).orElse("")), Optional.ofNullable(handled.get(key))));
    }
    return out;
  }

  /** Conflicting events kept aside, and what each terminal's newest heartbeat says it set aside. */
  private List<Item> terminalData() throws SQLException {
    Map<String, Handled> handled = handled(Kind.TERMINAL_DATA);
    List<Item> out = new ArrayList<>();
    for (StoredEvent e : events.conflicts()) {
      String key = "conflict/" + key(e);
      out.add(new Item(Kind.TERMINAL_DATA, key, e.record().time().wall(), e.key().terminal(), "conflict",
          "epoch " + e.key().epoch() + ", seq " + e.key().seq(), Set.of(), Optional.ofNullable(handled.get(key))));
    }
    for (var seen : terminals.seen()) {
      var beat = terminals.heartbeat(seen.terminal());
      if (beat.isEmpty()) continue;
      if (beat.get().setAsideEvents() > 0) {
        String key = "set-aside-events/" + seen.terminal() + "/" + beat.get().setAsideEvents();
        out.add(new Item(Kind.TERMINAL_DATA, key, seen.at(), seen.terminal(), "set-aside-events", String.valueOf(beat.get().setAsideEvents()), Set.of(),
            Optional.ofNullable(handled.get(key))));
      }
      for (String file : beat.get().setAsideFiles()) {
        String key = "set-aside-file/" + seen.terminal() + "/" + file;
        out.add(new Item(Kind.TERMINAL_DATA, key, seen.at(), seen.terminal(), "set-aside-file", file, Set.of(), Optional.ofNullable(handled.get(key))));
      }
    }
    out.sort(java.util.Comparator.comparing(Item::at).reversed());
    return out;
  }

  private Map<String, Handled> handled(Kind kind) throws SQLException {
    Map<String, Handled> out = new java.util.HashMap<>();
    for (var row : db.list("SELECT item_key, handled_by, handled_at, note FROM work_item_handled WHERE kind = ?",
        rs -> Map.entry(rs.getString(1), new Handled(rs.getString(2), Instant.parse(rs.getString(3)), rs.getString(4))), kind.id)) {
      out.put(row.getKey(), row.getValue());
    }
    return out;
  }

  private static String key(StoredEvent e) {
    return e.key().terminal() + "/" + e.key().epoch() + "/" + e.key().seq();
  }

  private static String service(EventRecord r) {
    if (r.event() instanceof CardLinked l) return l.service();
    if (r.event() instanceof CardUnlinked u) return u.service();
    return "";
  }

  /** A notice is for the staff of its service; the resident link (certificates) for kiosk staff. */
  static Set<StaffRole> rolesOfService(String service) {
    return switch (service) {
      case "library" -> Set.of(StaffRole.LIBRARY);
      case "hospital" -> Set.of(StaffRole.HOSPITAL);
      case "taxi" -> Set.of(StaffRole.TAXI_OPERATOR);
      case IssuanceService.RESIDENT_SERVICE -> Set.of(StaffRole.KIOSK_STAFF);
      default -> Set.of();
    };
  }

  /** An alert is for the staff of the terminal that raised it (its role from its birth). */
  static Set<StaffRole> rolesOfTerminal(String role) {
    return switch (role) {
      case "kiosk" -> Set.of(StaffRole.KIOSK_STAFF);
      case "library" -> Set.of(StaffRole.LIBRARY);
      case "hospital" -> Set.of(StaffRole.HOSPITAL);
      case "taxi" -> Set.of(StaffRole.TAXI_OPERATOR);
      default -> EnumSet.noneOf(StaffRole.class);
    };
  }
}
