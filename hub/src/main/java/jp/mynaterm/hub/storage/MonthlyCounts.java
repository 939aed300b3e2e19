package jp.mynaterm.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.LibraryReturn;
import jp.mynaterm.protocol.message.EventRecord;

/**
 * The monthly counts the plan's KPIs (the console) and the open data share, by month in Japan time
 * (table event_month_count): card links by service, hospital check-ins, kiosk certificate copies by
 * type, library loans and returns the library system accepted. One definition of what counts
 * ({@link #tally}); {@link EventRepository#insert} adds each new event in the transaction that
 * stores it, so a repeat (not new) is never counted twice and a rolled-back batch counts nothing.
 * Retention deletes old events, not these counts: a KPI over past years needs no card ids.
 */
public final class MonthlyCounts {
  /** The city's months: an event at 00:30 on 1 December in Mino is December's, though November's in UTC. */
  public static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
  /** part = the service (library, taxi, hospital, resident). */
  public static final String CARD_LINKED = "card-linked";
  public static final String HOSPITAL_VISITS = "hospital-check-in";
  /** part = the certificate type; the copies printed, not the requests. */
  public static final String KIOSK_COPIES = "kiosk-certificate-copies";
  public static final String LIBRARY_LOANS = "library-loan";
  public static final String LIBRARY_RETURNS = "library-return";
  /** The event types some count comes from (what a backfill reads). */
  public static final List<String> COUNTED_TYPES = List.of(EventTypes.of(CardLinked.class), EventTypes.of(HospitalCheckIn.class),
      EventTypes.of(CertificateIssued.class), EventTypes.of(LibraryLoan.class), EventTypes.of(LibraryReturn.class));

  /** What one event adds: {@code amount} to {@code metric}/{@code part} in {@code month}. */
  public record Tally(YearMonth month, String metric, String part, long amount) {}

  /** A month's count of one metric and part. */
  public record Count(YearMonth month, String metric, String part, long n) {}

  private final Database db;

  public MonthlyCounts(Database db) {
    this.db = db;
  }

  /** What an event counts for, by its time on the terminal in the city's months; empty for events no count reads. */
  public static Optional<Tally> tally(EventRecord r) {
    record Counted(String metric, String part, long amount) {}
    Counted counted = switch (r.event()) {
      case CardLinked l -> new Counted(CARD_LINKED, l.service(), 1);
      case HospitalCheckIn h -> new Counted(HOSPITAL_VISITS, "", 1);
      case CertificateIssued c -> new Counted(KIOSK_COPIES, c.certificateType(), c.copies());
      case LibraryLoan l when l.accepted() -> new Counted(LIBRARY_LOANS, "", 1);
      case LibraryReturn l when l.accepted() -> new Counted(LIBRARY_RETURNS, "", 1);
      default -> null; // most events (rides, status) count for nothing here: no month worked out for them
    };
    if (counted == null) return Optional.empty();
    return Optional.of(new Tally(YearMonth.from(r.time().wall().atZone(CITY)), counted.metric(), counted.part(), counted.amount()));
  }

  /**
   * Adds what {@code fresh} events count for, in the caller's transaction. Rows are written in key
   * order, so two hubs adding to the same months on PostgreSQL lock them in one order (no deadlock).
   */
  public static void add(Connection c, List<EventRecord> fresh) throws SQLException {
    Map<String, Long> sums = new TreeMap<>();
    for (EventRecord r : fresh) {
      tally(r).ifPresent(t -> sums.merge(t.month() + "\u0000" + t.metric() + "\u0000" + t.part(), t.amount(), Long::sum));
    }
    if (sums.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement("INSERT INTO event_month_count (month, metric, part, n) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (month, metric, part) DO UPDATE SET n = event_month_count.n + excluded.n")) {
      for (var e : sums.entrySet()) {
        String[] key = e.getKey().split("\u0000", -1);
        p.setString(1, key[0]);
        p.setString(2, key[1]);
        p.setString(3, key[2]);
        p.setLong(4, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Every count from month {@code from} to {@code to}, both included, by month, metric and part. */
  public List<Count> between(YearMonth from, YearMonth to) throws SQLException {
    return db.list("SELECT month, metric, part, n FROM event_month_count WHERE month >= ? AND month <= ? ORDER BY month, metric, part",
        rs -> new Count(YearMonth.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4)), from.toString(), to.toString());
  }

  /** A month's counts of one metric by part (e.g. kiosk copies by certificate type), parts sorted. */
  public Map<String, Long> byPart(YearMonth month, String metric) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    for (Count c : between(month, month)) if (c.metric().equals(metric)) out.put(c.part(), c.n());
    return out;
  }
}
