package jp.mynaterm.cli.bench;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.hub.kpi.CounterIssuance;
import jp.mynaterm.hub.kpi.CounterIssuanceCsv;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.LibraryReturn;
import jp.mynaterm.protocol.event.Location;
import jp.mynaterm.protocol.event.RideAlighted;
import jp.mynaterm.protocol.event.RideBoarded;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Birth;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Heartbeat;
import jp.mynaterm.protocol.message.LastWill;
import jp.mynaterm.protocol.time.Stamp;

/**
 * A city's year in a hub database for {@code bench console}, written straight through the hub's
 * repositories (the path ingest commits through, monthly counts included), not over MQTT: events
 * from terminals of every role spread over the year before {@code end}, each terminal's own sequence;
 * every terminal's birth and heartbeats, some offline, growing outboxes, paper out; and the counters'
 * issuance for each month.
 */
final class ConsoleFleetData {
  /** Rows per transaction: large, as a bulk load, yet a bounded heap. */
  private static final int CHUNK = 5_000;
  private static final CardId CARD = CardIds.development().derive(new X500Principal("CN=bench"), BigInteger.TEN);
  private static final Location STOP = new Location(35.5449, 136.9078, 20.0, "S001");

  private ConsoleFleetData() {}

  /** The role of terminal {@code i} of {@code n}: 60% taxis, 20% kiosks, 10% library and 10% hospital counters. */
  static String role(int i, int n) {
    double share = (double) i / n;
    return share < 0.6 ? "taxi" : share < 0.8 ? "kiosk" : share < 0.9 ? "library" : "hospital";
  }

  static String terminal(int i, int n) {
    return String.format("bench-%s-%03d", role(i, n), i);
  }

  /** Stores {@code events} events of {@code terminals} terminals over the year before {@code end}, printing progress. */
  static void fill(Database db, String label, long events, int terminals, Instant end) throws SQLException {
    EventRepository repository = new EventRepository(db);
    Instant start = end.minus(Duration.ofDays(365));
    long span = Duration.between(start, end).toMillis();
    long[] seq = new long[terminals];
    long startNanos = System.nanoTime();
    for (long from = 0; from < events; from += CHUNK) {
      List<EventRow> rows = new ArrayList<>(CHUNK);
      for (long i = from; i < Math.min(events, from + CHUNK); i++) {
        int t = (int) (i % terminals);
        long s = ++seq[t];
        Instant wall = start.plusMillis(span * i / events);
        rows.add(new EventRow(terminal(t, terminals), new EventRecord(s, new Stamp(wall, "boot-" + t, s, true), event(role(t, terminals), s))));
      }
      db.write(c -> repository.insert(c, rows, end));
      long done = Math.min(events, from + CHUNK);
      if (done % 100_000 == 0 || done == events) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("filling %s: %,d of %,d events (%.0f s, %.0f events/s)%n", label, done, events, seconds, done / seconds);
      }
    }
  }

  private static UsageEvent event(String role, long s) {
    return switch (role) {
      case "taxi" -> s % 2 == 1 ? new RideBoarded(CARD, "noriai-1", "shift-" + s / 40, "adult", 300, STOP, false) : new RideAlighted(CARD, "noriai-1", "shift-" + s / 40, STOP);
      case "kiosk" -> new CertificateIssued(s % 3 == 0 ? "inkan" : "juminhyo", "CODE-" + s, 1 + (int) (s % 2), 250, "pay-" + s, "ab".repeat(32));
      case "library" -> s % 20 == 0 ? link("library", s) : s % 2 == 0 ? new LibraryLoan(false, true) : new LibraryReturn(false, true);
      default -> s % 30 == 0 ? link("taxi", s) : new HospitalCheckIn();
    };
  }

  private static CardLinked link(String service, long s) {
    return new CardLinked(service, CARD, service + "-member-" + s, "", Instant.parse("2031-01-01T00:00:00Z"));
  }

  /**
   * Every terminal's birth and a few heartbeats: every tenth gone (a last will 2 h ago), every 17th with
   * its printer out of paper, every 23rd with an outbox growing over its heartbeats.
   */
  static void statuses(Database db, int terminals, Instant now) throws SQLException {
    TerminalRepository repository = new TerminalRepository(db);
    for (int i = 0; i < terminals; i++) {
      String id = terminal(i, terminals);
      String role = role(i, terminals);
      List<StatusRow> rows = new ArrayList<>();
      rows.add(new StatusRow(id, "birth", role, MessageCodec.write(new Birth("1.4.0", role, Map.of("revocation", 42L)))));
      for (int beat = 0; beat < 4; beat++) {
        long depth = i % 23 == 0 ? 10L * (beat + 1) : 0;
        Map<String, String> devices = role.equals("kiosk")
            ? Map.of("certificate-printer", i % 17 == 0 ? "The printer is out of paper." : "ok", "lists", "ok")
            : Map.of("lists", "ok");
        rows.add(StatusRow.heartbeat(id, new Heartbeat("1.4.0", depth, depth == 0 ? 0 : 60_000L * depth, 12L << 30, true, devices,
            Map.of("revocation", 42L, "allow-" + (role.equals("kiosk") ? "resident" : role), 7L), Map.of("revocation", 3_600_000L), 0L, List.of())));
      }
      if (i % 10 == 0) rows.add(new StatusRow(id, "last-will", null, MessageCodec.write(new LastWill("lost"))));
      Instant at = i % 10 == 0 ? now.minus(Duration.ofHours(2)) : now;
      db.commit(c -> repository.saveStatuses(c, rows, at));
    }
  }

  /**
   * Heartbeats from {@code count} terminals, from terminal {@code first} on (round the fleet): what
   * arrives between two looks at the fleet page (200 terminals beat once a minute: ~3 a second).
   */
  static void heartbeats(Database db, int terminals, long first, int count, Instant at) throws SQLException {
    TerminalRepository repository = new TerminalRepository(db);
    List<StatusRow> rows = new ArrayList<>();
    for (long k = first; k < first + count; k++) {
      int i = (int) (k % terminals);
      String role = role(i, terminals);
      rows.add(StatusRow.heartbeat(terminal(i, terminals), new Heartbeat("1.4.0", k % 7, k % 7 == 0 ? 0 : 1_000 * (k % 7), 12L << 30, true, Map.of("lists", "ok"),
          Map.of("revocation", 42L, "allow-" + (role.equals("kiosk") ? "resident" : role), 7L), Map.of("revocation", 60_000L), 0L, List.of())));
    }
    db.commit(c -> repository.saveStatuses(c, rows, at));
  }

  /** The counters' issuance for each month of the year before {@code end}, imported as the city does. */
  static void counterIssuance(Database db, Instant end) throws SQLException {
    List<CounterIssuanceCsv.Row> rows = new ArrayList<>();
    YearMonth last = YearMonth.from(end.atOffset(ZoneOffset.ofHours(9)));
    for (YearMonth m = last.minusMonths(12); !m.isAfter(last); m = m.plusMonths(1)) {
      rows.add(new CounterIssuanceCsv.Row(m, "juminhyo", 900));
      rows.add(new CounterIssuanceCsv.Row(m, "inkan", 300));
    }
    new CounterIssuance(db, java.time.Clock.systemUTC()).importRows(rows, "bench", "bench.csv");
  }
}
