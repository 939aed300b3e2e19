package jp.mynaterm.hub.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.staff.StaffPassword;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The staff accounts the hub manages (staff_account, staff_role): who may sign in to the terminal
 * pages and the console, with which roles. Only a password hash is kept ({@link StaffPassword}).
 * After {@value #MAX_FAILURES} failed sign-ins in a row an account is locked for {@link #LOCKOUT}.
 *
 * <p>Every change makes a new version of the staff lists it touches ({@code staff-library}, …) in the
 * same transaction, whichever process made it ({@code mynaterm hub staff} or the hub itself): the
 * running hub sees the version move and broadcasts the whole list ({@link #listFor}) to the terminals.
 */
public final class StaffAccounts {
  public static final int MAX_FAILURES = 5;
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  /** Letters, digits, '.', '_', '-': a user id goes into logs, lists and cookies' sessions unescaped. */
  public static final String USER_ID = "[A-Za-z0-9._-]{1,64}";

  /** An account as listed: never the hash. */
  public record Account(String userId, String displayName, Set<StaffRole> roles, boolean disabled, Optional<Instant> lockedUntil) {}

  private final Database db;
  private final Clock clock;
  private final AuditLog audit;
  private final String actor;

  /** Accounts changed by the hub itself (its console): the audit log names the signed-in user there. */
  public StaffAccounts(Database db, Clock clock) {
    this(db, clock, "hub");
  }

  /** @param actor who makes the changes, for the audit log ({@code os:USER} for the command line) */
  public StaffAccounts(Database db, Clock clock, String actor) {
    this.db = db;
    this.clock = clock;
    this.audit = new AuditLog(db, clock);
    this.actor = actor;
  }

  /** Creates an account; refuses a taken or malformed user id, no role, or a short password. */
  public void add(String userId, String displayName, Set<StaffRole> roles, CharSequence password) throws SQLException {
    if (!userId.matches(USER_ID)) throw new IllegalArgumentException("the user id must be 1 to 64 letters, digits, '.', '_' or '-'");
    if (roles.isEmpty()) throw new IllegalArgumentException("an account needs at least one role");
    String hash = StaffPassword.hash(password);
    db.commit(c -> {
      if (exists(c, userId)) throw new IllegalArgumentException("the account " + userId + " exists already");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO staff_account (user_id, display_name, password_hash, updated_at) VALUES (?, ?, ?, ?)")) {
        p.setString(1, userId);
        p.setString(2, displayName);
        p.setString(3, hash);
        p.setString(4, clock.instant().toString());
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO staff_role (user_id, role) VALUES (?, ?)")) {
        for (StaffRole r : roles) {
          p.setString(1, userId);
          p.setString(2, r.wire());
          p.addBatch();
        }
        p.executeBatch();
      }
      newListVersions(c, roles);
      audit.append(c, actor, "staff.add", userId, "roles " + roles.stream().map(StaffRole::wire).sorted().toList());
    });
  }

  /** Sets a new password and lifts any lockout. */
  public void setPassword(String userId, CharSequence password) throws SQLException {
    String hash = StaffPassword.hash(password);
    change(userId, "staff.password", "UPDATE staff_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE user_id = ?",
        hash, clock.instant().toString(), userId);
  }

  /** Disables an account: it can no longer sign in anywhere, and terminals drop it with the next list. */
  public void disable(String userId) throws SQLException {
    change(userId, "staff.disable", "UPDATE staff_account SET disabled = 1, updated_at = ? WHERE user_id = ?", clock.instant().toString(), userId);
  }

  public List<Account> list() throws SQLException {
    Map<String, Set<StaffRole>> roles = roles();
    return db.list("SELECT user_id, display_name, disabled, locked_until FROM staff_account ORDER BY user_id", rs -> new Account(
        rs.getString(1), rs.getString(2), roles.getOrDefault(rs.getString(1), Set.of()), rs.getInt(3) != 0,
        Optional.ofNullable(rs.getString(4)).map(Instant::parse).filter(clock.instant()::isBefore)));
  }

  /** One account, as listed; empty if there is none with this user id. */
  public Optional<Account> account(String userId) throws SQLException {
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    for (String r : db.list("SELECT role FROM staff_role WHERE user_id = ?", rs -> rs.getString(1), userId)) StaffRole.ofWire(r).ifPresent(roles::add);
    return db.first("SELECT user_id, display_name, disabled, locked_until FROM staff_account WHERE user_id = ?", rs -> new Account(
        rs.getString(1), rs.getString(2), Set.copyOf(roles), rs.getInt(3) != 0,
        Optional.ofNullable(rs.getString(4)).map(Instant::parse).filter(clock.instant()::isBefore)), userId);
  }

  /**
   * The staff list of {@code role}'s terminals: every account with this role or administrator, with
   * only those two of its roles, its hash, and whether it is disabled (then without a hash).
   */
  public List<StaffEntry> listFor(StaffRole role) throws SQLException {
    Map<String, Set<StaffRole>> roles = roles();
    List<StaffEntry> out = new ArrayList<>();
    for (var row : db.list("SELECT user_id, password_hash, disabled FROM staff_account ORDER BY user_id",
        rs -> new StaffEntry(rs.getString(1), List.of(), rs.getString(2), rs.getInt(3) != 0))) {
      List<String> counted = roles.getOrDefault(row.user(), Set.of()).stream()
          .filter(r -> r == role || r == StaffRole.ADMINISTRATOR).map(StaffRole::wire).toList();
      if (!counted.isEmpty()) out.add(new StaffEntry(row.user(), counted, row.passwordHash(), row.disabled()));
    }
    return out;
  }

  /**
   * Checks a sign-in at the hub (the console): true only for an enabled, unlocked account with the
   * right password; failures count toward the lockout, a success clears them.
   */
  public boolean signIn(String userId, CharSequence password) throws SQLException {
    Instant now = clock.instant();
    var row = db.first("SELECT password_hash, disabled, failed_attempts, locked_until FROM staff_account WHERE user_id = ?",
        rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4)}, userId);
    if (row.isEmpty()) {
      StaffPassword.checkNobody(password);
      // Not the typed name: people type passwords into the user field, and the log would keep them.
      audit.append(actor, "staff.signin-failed", "(no such account)", "");
      return false;
    }
    Object[] r = row.get();
    if (r[3] != null && now.isBefore(Instant.parse((String) r[3]))) {
      audit.append(actor, "staff.signin-failed", userId, "locked");
      return false;
    }
    if ((int) r[1] == 0 && StaffPassword.matches(password, (String) r[0])) {
      db.commit(c -> {
        update(c, "UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?", userId);
        audit.append(c, actor, "staff.signin", userId, "");
      });
      return true;
    }
    int failures = (r[3] != null ? 0 : (int) r[2]) + 1;
    boolean locks = failures >= MAX_FAILURES;
    db.commit(c -> {
      update(c, "UPDATE staff_account SET failed_attempts = ?, locked_until = ? WHERE user_id = ?", failures, locks ? now.plus(LOCKOUT).toString() : null, userId);
      audit.append(c, actor, "staff.signin-failed", userId, (int) r[1] != 0 ? "disabled" : locks ? "wrong password; locked for " + LOCKOUT.toMinutes() + " minutes" : "wrong password");
    });
    return false;
  }

  private Map<String, Set<StaffRole>> roles() throws SQLException {
    Map<String, Set<StaffRole>> out = new LinkedHashMap<>();
    for (var row : db.list("SELECT user_id, role FROM staff_role", rs -> Map.entry(rs.getString(1), rs.getString(2)))) {
      StaffRole.ofWire(row.getValue()).ifPresent(r -> out.computeIfAbsent(row.getKey(), k -> EnumSet.noneOf(StaffRole.class)).add(r));
    }
    return out;
  }

  private static boolean exists(Connection c, String userId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM staff_account WHERE user_id = ?")) {
      p.setString(1, userId);
      try (var rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
      return p.executeUpdate();
    }
  }

  /** One update of an existing account, with the new versions of the lists it is on and its audit entry. */
  private void change(String userId, String action, String sql, Object... params) throws SQLException {
    db.commit(c -> {
      if (update(c, sql, params) == 0) throw new IllegalArgumentException("no account " + userId);
      audit.append(c, actor, action, userId, "");
      Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
      try (PreparedStatement p = c.prepareStatement("SELECT role FROM staff_role WHERE user_id = ?")) {
        p.setString(1, userId);
        try (var rs = p.executeQuery()) {
          while (rs.next()) StaffRole.ofWire(rs.getString(1)).ifPresent(roles::add);
        }
      }
      newListVersions(c, roles);
    });
  }

  /** The staff lists an account with these roles is on (an administrator's: all) get a new version. */
  private static void newListVersions(Connection c, Set<StaffRole> roles) throws SQLException {
    for (StaffRole r : StaffRole.values()) {
      if (r != StaffRole.ADMINISTRATOR && (roles.contains(r) || roles.contains(StaffRole.ADMINISTRATOR))) {
        ListRepository.nextVersion(c, ListName.staff(r).wire());
      }
    }
  }
}
