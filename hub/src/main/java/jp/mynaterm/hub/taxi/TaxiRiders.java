package jp.mynaterm.hub.taxi;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.staff.StaffPassword;

/**
 * The residents' booking logins: a password set at the counter when the card is linked for the taxi
 * (staff type it with the resident there), kept only as the bcrypt hash staff passwords use
 * ({@link StaffPassword}); five wrong passwords in a row lock the login for 15 minutes, as staff's.
 * A rider signed in may add passkeys ({@code Passkeys.Owners.RIDERS}, table taxi_rider_passkey); the
 * counter stays in charge: a password set again there removes them, and neither the password nor a
 * passkey signs in a rider whose card is no longer linked (not active on the taxi's allow-list).
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

  /**
   * Sets (or resets) a registered rider's password; refuses an unregistered member or a short password.
   * A reset removes the rider's passkeys in the same transaction: staff reset a login when a device is
   * lost or someone else may have used it, and a passkey on that device must not outlive the reset (the
   * rider registers one again after signing in with the new password).
   */
  public void setPassword(String member, CharSequence password) throws SQLException {
    if (!registered(member)) {
      throw new IllegalArgumentException("member " + member + " is not registered for the taxi (link the card first)");
    }
    String hash = StaffPassword.hash(password);
    long now = clock.millis();
    db.commit(c -> {
      if (TaxiBookings.update(c, "UPDATE taxi_rider_login SET password_hash = ?, failed_attempts = 0, locked_until_ms = NULL, updated_ms = ? WHERE member = ?",
          hash, now, member) == 0) {
        TaxiBookings.update(c, "INSERT INTO taxi_rider_login (member, password_hash, created_ms, updated_ms) VALUES (?, ?, ?, ?)", member, hash, now, now);
      }
      TaxiBookings.update(c, "DELETE FROM taxi_rider_passkey WHERE member = ?", member);
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
    if (StaffPassword.matches(password, (String) r[0]) && registered(member)) {
      db.update("UPDATE taxi_rider_login SET failed_attempts = 0, locked_until_ms = NULL WHERE member = ?", member);
      return true;
    }
    int failures = (r[2] != null ? 0 : (int) r[1]) + 1;
    db.update("UPDATE taxi_rider_login SET failed_attempts = ?, locked_until_ms = ? WHERE member = ?", failures,
        failures >= MAX_FAILURES ? now + LOCKOUT.toMillis() : null, member);
    return false;
  }

  /**
   * A sign-in proven with a passkey: true if the rider's card is still linked (active on the taxi's
   * allow-list) and the login not locked — a passkey signs in only where the password would. It does
   * not count toward the lockout: a passkey cannot be guessed.
   */
  public boolean signInVerified(String member) throws SQLException {
    Optional<Long> lockedUntil = db.first("SELECT locked_until_ms FROM taxi_rider_login WHERE member = ?", rs -> rs.getObject(1) == null ? 0L : rs.getLong(1), member);
    return lockedUntil.isPresent() && clock.millis() >= lockedUntil.get() && registered(member);
  }

  private boolean registered(String member) throws SQLException {
    return lists.allowEntryOfMember(TaxiBookings.SERVICE, member).filter(e -> e.status() == MemberStatus.ACTIVE).isPresent();
  }
}
