package jp.mynaterm.hub.taxi;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jp.mynaterm.config.TaxiBookingSettings;
import jp.mynaterm.config.TaxiStop;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.TaxiManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demand taxi's bookings at the hub (the concurrency rules are in the hub README, "Demand taxi"):
 *
 * <ul>
 *   <li>a booking takes seats of one vehicle in one slot; the seat table's primary key lets two
 *       bookings racing for the last seat commit one (SQLite: one writer at a time; PostgreSQL, where
 *       several hubs may book at once: the second insert waits, then fails on the key, and its retry
 *       finds the slot full); bookings arriving together commit together ({@link #book});
 *   <li>a booking, cancellation, boarding or no-show changes the booking's status only from
 *       {@code booked} (a conditional update), so a cancellation racing a boarding ends as exactly one;
 *   <li>each change makes the vehicle's manifest a new version, built in the same transaction, and
 *       sent after the commit to that vehicle only ({@link Sender}).
 * </ul>
 */
public final class TaxiBookings {
  private static final Logger log = LoggerFactory.getLogger(TaxiBookings.class);
  public static final String SERVICE = "taxi";
  public static final String WEB = "web";
  public static final String PHONE = "phone";
  /** How often a booking retries after losing a seat to another one committed first. */
  private static final int SEAT_RETRIES = 5;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** Sends a vehicle its manifest (the hub's downlink, on the vehicle's own down branch). */
  @FunctionalInterface
  public interface Sender {
    void send(String vehicle, TaxiManifest manifest);

    Sender NONE = (v, m) -> {};
  }

  /** What a rider asks for; exactly one of {@code stopId} and {@code address} (with its position). */
  public record Request(String member, LocalDateTime pickupAt, String stopId, String address, Double lat, Double lon, int passengers, boolean wheelchair) {}

  /** A booking as staff and the rider see it. */
  public record Booking(String id, String member, String vehicle, Instant windowStart, Instant windowEnd, String stopId, String address, int passengers,
      boolean wheelchair, String channel, String status, Optional<Boolean> late) {}

  /** What a booking came to. */
  public sealed interface Outcome {
    record Booked(Booking booking) implements Outcome {}

    record Refused(String reason) implements Outcome {}
  }

  /** What a cancellation came to: cancelled, or why not (already boarded, no-show, cancelled, unknown). */
  public record Cancelled(boolean cancelled, String status) {}

  private final Database db;
  private final TaxiBookingSettings rules;
  private final Clock clock;
  private final ListRepository lists;
  private volatile Sender sender = Sender.NONE;

  public TaxiBookings(Database db, TaxiBookingSettings rules, Clock clock) {
    this.db = db;
    this.rules = rules;
    this.clock = clock;
    this.lists = new ListRepository(db);
  }

  /** Where manifests go once committed; set once the hub's connection exists. */
  public void sendWith(Sender sender) {
    this.sender = sender;
  }

  public TaxiBookingSettings rules() {
    return rules;
  }

  /** The list_version key of a vehicle's manifest at the hub. */
  static String versionKey(String vehicle) {
    return TaxiManifest.LIST + ":" + vehicle;
  }

  /**
   * Books a ride; {@code channel} web or phone, {@code by} the rider's member number or the operator's user id.
   * Bookings made at once are committed together (group commit: one transaction, each booking in its own
   * savepoint), so a burst of callers waits for a few commits instead of one each; the caller whose
   * booking arrives while no batch runs commits the batch, the others wait for their outcome.
   */
  public Outcome book(Request r, String channel, String by) throws SQLException {
    Optional<String> refused = check(r);
    if (refused.isPresent()) return new Outcome.Refused(refused.get());
    Instant start = windowStart(r.pickupAt());
    Pending p = new Pending(r, start, start.plus(rules.slot()), channel, by, new CompletableFuture<>(), new int[1]);
    queue.add(p);
    while (true) {
      // Whoever finds no batch running commits what is queued, its own booking with it.
      while (!p.result().isDone() && !queue.isEmpty() && committer.tryLock()) {
        try {
          while (!queue.isEmpty()) commitBatch();
        } finally {
          committer.unlock();
        }
      }
      try {
        // Bounded: a booking queued just as the committer finished is taken by this caller's next look.
        return p.result().get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while booking", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException sql) throw sql;
        throw new SQLException(e.getCause());
      }
    }
  }

  private record Pending(Request request, Instant start, Instant end, String channel, String by, CompletableFuture<Outcome> result, int[] attempts) {}

  private static final int BATCH = 100;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committer = new ReentrantLock();

  private void commitBatch() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < BATCH && (p = queue.poll()) != null; ) batch.add(p);
    if (batch.isEmpty()) return;
    Map<Pending, Outcome> results = new HashMap<>();
    List<TaxiManifest> manifests;
    try {
      manifests = db.write(c -> {
        results.clear();
        Set<String> touched = new java.util.LinkedHashSet<>();
        for (Pending p : batch) {
          Savepoint sp = c.setSavepoint();
          try {
            Optional<Booking> b = take(c, p.request(), p.start(), p.end(), p.channel(), p.by());
            c.releaseSavepoint(sp);
            b.ifPresent(x -> touched.add(x.vehicle()));
            results.put(p, b.<Outcome>map(Outcome.Booked::new)
                .orElse(new Outcome.Refused("no vehicle has " + p.request().passengers() + " seat(s) free then: choose another time")));
          } catch (SQLException e) {
            c.rollback(sp);
            if (isOnePerSlot(e)) results.put(p, new Outcome.Refused("the rider has a booking in this time window already"));
            else if (!isConflict(e)) throw e;
            // else: another hub committed the seat this booking chose: it is queued again below and chooses anew.
          }
        }
        // One new manifest version per vehicle the batch changed, built in its transaction.
        List<TaxiManifest> out = new ArrayList<>();
        for (String v : touched) out.add(nextManifest(c, v));
        return out;
      });
    } catch (SQLException e) {
      for (Pending p : batch) {
        if (isConflict(e) && ++p.attempts()[0] < SEAT_RETRIES) queue.add(p);
        else p.result().completeExceptionally(e);
      }
      return;
    }
    for (TaxiManifest m : manifests) sender.send(m.vehicle(), m);
    for (Pending p : batch) {
      Outcome o = results.get(p);
      if (o != null) p.result().complete(o);
      else if (++p.attempts()[0] < SEAT_RETRIES) queue.add(p);
      else p.result().complete(new Outcome.Refused("the booking system is busy: please try again"));
    }
  }

  private Optional<Booking> take(Connection c, Request r, Instant start, Instant end, String channel, String by) throws SQLException {
    long slot = start.toEpochMilli();
    for (String vehicle : rules.vehicles()) {
      Set<Integer> taken = new TreeSet<>();
      try (PreparedStatement p = c.prepareStatement("SELECT seat FROM taxi_seat WHERE vehicle = ? AND slot_ms = ?")) {
        p.setString(1, vehicle);
        p.setLong(2, slot);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) taken.add(rs.getInt(1));
        }
      }
      List<Integer> free = new ArrayList<>();
      for (int s = 1; s <= rules.seats() && free.size() < r.passengers(); s++) if (!taken.contains(s)) free.add(s);
      if (free.size() < r.passengers()) continue;
      String id = newId();
      long now = clock.millis();
      update(c, "INSERT INTO taxi_booking (id, member, vehicle, slot_ms, window_start_ms, window_end_ms, stop_id, address, passengers, wheelchair, channel,"
              + " booked_by, status, created_ms, changed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)",
          id, r.member(), vehicle, slot, start.toEpochMilli(), end.toEpochMilli(), blankToNull(r.stopId()), blankToNull(r.address()), r.passengers(),
          r.wheelchair() ? 1 : 0, channel, by, now, now);
      // Ascending seat order: two bookings wanting overlapping seats wait on the same first one, never on each other.
      for (int seat : free) update(c, "INSERT INTO taxi_seat (vehicle, slot_ms, seat, booking_id) VALUES (?, ?, ?, ?)", vehicle, slot, seat, id);
      log.debug("taxi booking {} on {} ({}, {} seat(s))", id, vehicle, channel, r.passengers());
      return Optional.of(new Booking(id, r.member(), vehicle, start, end, blankToNull(r.stopId()), blankToNull(r.address()), r.passengers(), r.wheelchair(),
          channel, "booked", Optional.empty()));
    }
    return Optional.empty();
  }

  /** The rules a request breaks, first one only; empty if it may be booked. */
  Optional<String> check(Request r) throws SQLException {
    if (rules.vehicles().isEmpty()) return Optional.of("no taxi vehicles are configured (taxi.vehicles)");
    Optional<AllowEntry> rider = lists.allowEntryOfMember(SERVICE, r.member());
    if (rider.isEmpty() || rider.get().status() != MemberStatus.ACTIVE) return Optional.of("not registered for the taxi (a card linked at a counter)");
    if (r.passengers() < 1 || r.passengers() > rules.seats()) return Optional.of("passengers must be from 1 to " + rules.seats());
    if (r.pickupAt() == null) return Optional.of("a pick-up time is needed");
    Instant start = windowStart(r.pickupAt());
    Instant now = clock.instant();
    if (start.isBefore(now.plus(rules.minAdvance()))) return Optional.of("book at least " + rules.minAdvance().toMinutes() + " minutes ahead");
    if (start.isAfter(now.plus(rules.maxAdvance()))) return Optional.of("book at most " + rules.maxAdvance().toDays() + " days ahead");
    ZonedDateTime local = start.atZone(rules.zoneId());
    if (!rules.days().contains(local.getDayOfWeek())) return Optional.of("no service on " + local.getDayOfWeek());
    ZonedDateTime localEnd = start.plus(rules.slot()).atZone(rules.zoneId());
    if (local.toLocalTime().isBefore(rules.opensAt()) || localEnd.toLocalTime().isAfter(rules.closesAt()) || !localEnd.toLocalDate().equals(local.toLocalDate())) {
      return Optional.of("service hours are " + rules.opens() + " to " + rules.closes());
    }
    boolean hasStop = r.stopId() != null && !r.stopId().isBlank();
    boolean hasAddress = r.address() != null && !r.address().isBlank();
    if (hasStop == hasAddress) return Optional.of("choose a stop or give an address, not both");
    if (hasStop) {
      Optional<TaxiStop> stop = stop(r.stopId());
      if (stop.isEmpty()) return Optional.of("no such stop");
      if (!inArea(stop.get().lat(), stop.get().lon())) return Optional.of("the stop is outside the service area");
    } else {
      if (r.address().length() > 200) return Optional.of("the address is too long (200 characters at most)");
      if (r.lat() == null || r.lon() == null) return Optional.of("an address needs its position (latitude, longitude) to check the service area");
      if (!inArea(r.lat(), r.lon())) return Optional.of("the address is outside the service area");
    }
    return Optional.empty();
  }

  /** The slot a pick-up time falls in, from the day's midnight in the city's zone. */
  Instant windowStart(LocalDateTime pickupAt) {
    ZonedDateTime at = pickupAt.atZone(rules.zoneId());
    long minutes = Duration.between(at.toLocalDate().atStartOfDay(rules.zoneId()), at).toMinutes();
    long slot = rules.slot().toMinutes();
    return at.toLocalDate().atStartOfDay(rules.zoneId()).plusMinutes(minutes / slot * slot).toInstant();
  }

  public Optional<TaxiStop> stop(String id) {
    return rules.stops().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  private boolean inArea(double lat, double lon) {
    double dLat = Math.toRadians(lat - rules.areaLat());
    double dLon = Math.toRadians(lon - rules.areaLon());
    double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(rules.areaLat())) * Math.pow(Math.sin(dLon / 2), 2);
    return 6371.0 * 2 * Math.asin(Math.sqrt(a)) <= rules.areaRadiusKm();
  }

  /**
   * Cancels a booking still to be boarded, freeing its seats; {@code member} non-null: only that rider's
   * own booking. A booking already boarded stays boarded: the ride happened and is charged.
   */
  public Cancelled cancel(String id, String member) throws SQLException {
    record Done(Cancelled result, String vehicle, TaxiManifest manifest) {}
    Done done = db.write(c -> {
      Optional<String[]> row = first(c, "SELECT vehicle, status, member FROM taxi_booking WHERE id = ?", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, id);
      if (row.isEmpty() || (member != null && !member.equals(row.get()[2]))) return new Done(new Cancelled(false, "unknown"), null, null);
      int changed = update(c, "UPDATE taxi_booking SET status = 'cancelled', changed_ms = ? WHERE id = ? AND status = 'booked'", clock.millis(), id);
      if (changed == 0) {
        // Read again: on PostgreSQL the update waited for a boarding committing meanwhile, and the status read above is stale.
        String now = first(c, "SELECT status FROM taxi_booking WHERE id = ?", rs -> rs.getString(1), id).orElse("unknown");
        return new Done(new Cancelled(false, now), null, null);
      }
      update(c, "DELETE FROM taxi_seat WHERE booking_id = ?", id);
      return new Done(new Cancelled(true, "cancelled"), row.get()[0], nextManifest(c, row.get()[0]));
    });
    if (done.manifest() != null) sender.send(done.vehicle(), done.manifest());
    return done.result();
  }

  /**
   * A boarding the vehicle recorded: the rider's booking on that vehicle whose window (a slot early to
   * the no-show time late) holds the tap becomes boarded — from booked, or from a no-show recorded while
   * the vehicle was offline (the tap is what happened). Empty: no such booking (a walk-up, or one
   * cancelled first: the ride stands and is charged).
   */
  Optional<String> boarded(Connection c, String member, String vehicle, Instant at, List<String> changedVehicles) throws SQLException {
    long t = at.toEpochMilli();
    Optional<Object[]> match =
        first(c, "SELECT id, window_start_ms FROM taxi_booking WHERE member = ? AND vehicle = ? AND status IN ('booked', 'no-show')"
                + " AND window_start_ms - ? <= ? AND window_end_ms + ? >= ? ORDER BY window_start_ms LIMIT 1",
            rs -> new Object[] {rs.getString(1), rs.getLong(2)}, member, vehicle, rules.slot().toMillis(), t, rules.noShowAfter().toMillis(), t);
    if (match.isEmpty()) return Optional.empty();
    String id = (String) match.get()[0];
    boolean late = t > (long) match.get()[1] + rules.lateAfter().toMillis();
    int changed = update(c, "UPDATE taxi_booking SET status = 'boarded', boarded_ms = ?, late = ?, changed_ms = ? WHERE id = ? AND status IN ('booked', 'no-show')",
        t, late ? 1 : 0, clock.millis(), id);
    if (changed == 0) return Optional.empty();
    changedVehicles.add(vehicle);
    return Optional.of(id);
  }

  /**
   * The members with a booking {@link #boarded} could match for a tap between {@code fromMs} and
   * {@code toMs}: a batch of rides asks once, and only these riders' taps look for their booking.
   */
  Set<String> membersWithOpenBookings(Connection c, long fromMs, long toMs) throws SQLException {
    Set<String> members = new java.util.HashSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT member FROM taxi_booking WHERE status IN ('booked', 'no-show')"
        + " AND window_start_ms - ? <= ? AND window_end_ms + ? >= ?")) {
      Object[] values = {rules.slot().toMillis(), toMs, rules.noShowAfter().toMillis(), fromMs};
      for (int i = 0; i < values.length; i++) p.setObject(i + 1, values[i]);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) members.add(rs.getString(1));
      }
    }
    return members;
  }

  /** Bookings nobody boarded by {@code taxi.noShowAfter} past their window become no-shows; returns how many. */
  public int recordNoShows() throws SQLException {
    long before = clock.millis() - rules.noShowAfter().toMillis();
    List<String[]> due = db.list("SELECT id, vehicle FROM taxi_booking WHERE status = 'booked' AND window_end_ms < ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, before);
    if (due.isEmpty()) return 0;
    List<String> vehicles = new ArrayList<>();
    Runnable send = db.write(c -> {
      for (String[] d : due) {
        if (update(c, "UPDATE taxi_booking SET status = 'no-show', changed_ms = ? WHERE id = ? AND status = 'booked'", clock.millis(), d[0]) == 1) vehicles.add(d[1]);
      }
      return nextManifests(c, vehicles);
    });
    send.run();
    return vehicles.size();
  }

  /**
   * New manifest versions of these vehicles in the caller's transaction (a vehicle that syncs later
   * gets them even if sending fails); run what comes back after the commit to send them.
   */
  Runnable nextManifests(Connection c, List<String> vehicles) throws SQLException {
    List<TaxiManifest> next = new ArrayList<>();
    // In one order for every writer: two hubs of a group on PostgreSQL lock these version rows.
    for (String v : new java.util.TreeSet<>(vehicles)) next.add(nextManifest(c, v));
    return () -> next.forEach(m -> sender.send(m.vehicle(), m));
  }

  /** The vehicle's manifest at a new version, in the transaction that changed it. */
  private TaxiManifest nextManifest(Connection c, String vehicle) throws SQLException {
    long version = ListRepository.nextVersion(c, versionKey(vehicle));
    return manifest(c, vehicle, version);
  }

  /** The vehicle's current manifest, for a vehicle that syncs after being away; empty before its first booking. */
  public Optional<TaxiManifest> currentManifest(String vehicle) throws SQLException {
    return db.read(c -> {
      Optional<Long> version = first(c, "SELECT version FROM list_version WHERE name = ?", rs -> rs.getLong(1), versionKey(vehicle));
      return version.isEmpty() ? Optional.<TaxiManifest>empty() : Optional.of(manifest(c, vehicle, version.get()));
    });
  }

  public long manifestVersion(String vehicle) throws SQLException {
    return lists.version(versionKey(vehicle));
  }

  /** The pick-ups still to come: booked, window not over by the no-show time. */
  private TaxiManifest manifest(Connection c, String vehicle, long version) throws SQLException {
    List<TaxiManifest.Pickup> pickups = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT id, member, window_start_ms, window_end_ms, stop_id, address, passengers, wheelchair FROM taxi_booking"
            + " WHERE vehicle = ? AND status = 'booked' AND window_end_ms >= ? ORDER BY window_start_ms, id LIMIT 500")) {
      p.setString(1, vehicle);
      p.setLong(2, clock.millis() - rules.noShowAfter().toMillis());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String stopId = rs.getString(5);
          String stopName = stopId == null ? "" : stop(stopId).map(TaxiStop::name).orElse(stopId);
          pickups.add(new TaxiManifest.Pickup(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), stopId, stopName, rs.getString(6), rs.getInt(7),
              rs.getInt(8) != 0));
        }
      }
    }
    return new TaxiManifest(vehicle, version, rules.seats(), rules.walkUp(), rules.lateAfter().toSeconds(), rules.noShowAfter().toSeconds(), pickups);
  }

  /** One rider's bookings from {@code from} on, soonest first. */
  public List<Booking> ofMember(String member, Instant from) throws SQLException {
    return db.list(SELECT_BOOKING + " WHERE member = ? AND window_end_ms >= ? ORDER BY window_start_ms", BOOKING, member, from.toEpochMilli());
  }

  /** Every booking with a window in [from, to), for the operator's day view. */
  public List<Booking> between(Instant from, Instant to) throws SQLException {
    return db.list(SELECT_BOOKING + " WHERE window_start_ms >= ? AND window_start_ms < ? ORDER BY window_start_ms, vehicle", BOOKING, from.toEpochMilli(), to.toEpochMilli());
  }

  public Optional<Booking> booking(String id) throws SQLException {
    return db.first(SELECT_BOOKING + " WHERE id = ?", BOOKING, id);
  }

  private static final String SELECT_BOOKING =
      "SELECT id, member, vehicle, window_start_ms, window_end_ms, stop_id, address, passengers, wheelchair, channel, status, late FROM taxi_booking";
  private static final Database.Row<Booking> BOOKING = rs -> {
    int late = rs.getInt(12);
    Optional<Boolean> l = rs.wasNull() ? Optional.empty() : Optional.of(late != 0);
    return new Booking(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9) != 0, rs.getString(10), rs.getString(11), l);
  };

  /** Seats sold in a vehicle's slot (the benchmark's and the tests' check that none is sold twice). */
  public int seatsSold(String vehicle, Instant slotStart) throws SQLException {
    return db.first("SELECT count(*) FROM taxi_seat WHERE vehicle = ? AND slot_ms = ?", rs -> rs.getInt(1), vehicle, slotStart.toEpochMilli()).orElse(0);
  }

  /**
   * Slots sold past their seats, and bookings holding other than one seat per passenger: 0 unless a seat
   * was sold twice (the benchmark's {@code double_sold}).
   */
  public long oversold() throws SQLException {
    long over = db.first("SELECT count(*) FROM (SELECT vehicle, slot_ms FROM taxi_booking WHERE status IN ('booked', 'boarded', 'no-show')"
        + " GROUP BY vehicle, slot_ms HAVING sum(passengers) > ?) o", rs -> rs.getLong(1), rules.seats()).orElse(0L);
    long mismatched = db.first("SELECT count(*) FROM taxi_booking b WHERE b.status IN ('booked', 'boarded', 'no-show')"
        + " AND b.passengers <> (SELECT count(*) FROM taxi_seat s WHERE s.booking_id = b.id)", rs -> rs.getLong(1)).orElse(0L);
    return over + mismatched;
  }

  private static String newId() {
    StringBuilder s = new StringBuilder("T");
    for (int i = 0; i < 9; i++) s.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
    return s.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A key another transaction committed first: PostgreSQL unique violation or deadlock, SQLite constraint. */
  static boolean isConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ("23505".equals(state) || "40P01".equals(state) || "40001".equals(state)) return true;
        if (s.getErrorCode() == 19 || String.valueOf(s.getMessage()).contains("SQLITE_CONSTRAINT")) return true;
      }
    }
    return false;
  }

  private static boolean isOnePerSlot(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) if (String.valueOf(t.getMessage()).contains("taxi_booking_one_per_slot") || String.valueOf(t.getMessage()).contains("taxi_booking.member, taxi_booking.slot_ms")) return true;
    return false;
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
      return p.executeUpdate();
    }
  }

  static <T> Optional<T> first(Connection c, String sql, Database.Row<T> row, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(row.of(rs)) : Optional.empty();
      }
    }
  }
}
