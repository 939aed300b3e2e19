package jp.mynaterm.hub.taxi;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.staff.StaffPassword;

/**
 * The residents' booking logins: a password set at the counter when the card is linked for the taxi
 * (staff type it with the resident there), kept only as the bcrypt hash staff passwords use
 * ({@link StaffPassword}); five wrong passwords in a row lock the login for 15 minutes, as staff's.
 */
public final class TaxiRiders {
  public static final int MAX_FAILURES = 5;
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  private final Database db;
  private final ListRepository lists;
  private final Clock clock;

  public TaxiRiders(Database db, Clock clock) {
    this.db = db;
    this.lists = new ListRepository(db);
    this.clock = clock;
  }

  /** Sets (or resets) a registered rider's password; refuses an unregistered member or a short password. */
  public void setPassword(String member, CharSequence password) throws SQLException {
    if (lists.allowEntryOfMember(TaxiBookings.SERVICE, member).filter(e -> e.status() == MemberStatus.ACTIVE).isEmpty()) {
      throw new IllegalArgumentException("member " + member + " is not registered for the taxi (link the card first)");
    }
    String hash = StaffPassword.hash(password);
    long now = clock.millis();
    db.commit(c -> {
      if (TaxiBookings.update(c, "UPDATE taxi_rider_login SET password_hash = ?, failed_attempts = 0, locked_until_ms = NULL, updated_ms = ? WHERE member = ?",
          hash, now, member) == 0) {
        TaxiBookings.update(c, "INSERT INTO taxi_rider_login (member, password_hash, created_ms, updated_ms) VALUES (?, ?, ?, ?)", member, hash, now, now);
      }
    });
  }

  /** True only for a registered rider's right password, not locked. */
  public boolean signIn(String member, CharSequence password) throws SQLException {
    long now = clock.millis();
    var row = db.first("SELECT password_hash, failed_attempts, locked_until_ms FROM taxi_rider_login WHERE member = ?",
        rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getObject(3) == null ? null : rs.getLong(3)}, member);
    if (row.isEmpty()) {
      StaffPassword.checkNobody(password); // as long as a real check: the answer's time tells no one who has a login
      return false;
    }
    Object[] r = row.get();
    if (r[2] != null && now < (long) r[2]) return false;
    boolean registered = lists.allowEntryOfMember(TaxiBookings.SERVICE, member).filter(e -> e.status() == MemberStatus.ACTIVE).isPresent();
    if (StaffPassword.matches(password, (String) r[0]) && registered) {
      db.update("UPDATE taxi_rider_login SET failed_attempts = 0, locked_until_ms = NULL WHERE member = ?", member);
      return true;
    }
    int failures = (r[2] != null ? 0 : (int) r[1]) + 1;
    db.update("UPDATE taxi_rider_login SET failed_attempts = ?, locked_until_ms = ? WHERE member = ?", failures,
        failures >= MAX_FAILURES ? now + LOCKOUT.toMillis() : null, member);
    return false;
  }
}
