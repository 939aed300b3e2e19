package jp.mynaterm.hub.staff.console;

import jp.mynaterm.hub.staff.StaffAccounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Console §1 for administrators: every staff account with its roles and state; create one with its
 * roles, disable it, reset its password (a new random one shown once), lift a lockout. Each change goes
 * through {@link StaffAccounts} with the administrator as actor (the audit log and the counters' staff
 * lists as from the command line), and a disabled or reset account is signed out of the console at once.
 */
public final class AccountsSection implements ConsoleSection {
  private static final String HERE = "/console/accounts";
  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AccountsSection(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "accounts";
  }

  @Override
  public String titleKey() {
    return "accounts.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.ADMINISTRATOR);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("staff/accounts.jte", Map.of("accounts", new StaffAccounts(db, clock).list(), "roles", List.of(StaffRole.values()))));
    routes.post("/create", this::create);
    routes.post("/disable", r -> change(r, "accounts.disabled", (staff, user) -> {
      staff.disable(user);
      r.endSessionsOf(user);
    }));
    routes.post("/unlock", r -> change(r, "accounts.unlocked", StaffAccounts::unlock));
    routes.post("/reset", r -> {
      String password = newPassword();
      change(r, "accounts.reset", (staff, user) -> {
        staff.setPassword(user, password);
        r.endSessionsOf(user);
      }, password);
    });
  }

  private void create(ConsoleRequest r) throws Exception {
    var ctx = r.ctx();
    String user = Optional.ofNullable(ctx.formParam("user")).orElse("").strip();
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    ctx.formParams("role").forEach(w -> StaffRole.ofWire(w).ifPresent(roles::add));
    String password = newPassword();
    try {
      staff(r).add(user, name.isEmpty() ? user : name, roles, password);
    } catch (IllegalArgumentException e) {
      r.audited(); // nothing changed, nothing to record
      r.redirectWithProblem(HERE, r.t("accounts.notCreated", e.getMessage()));
      return;
    }
    r.audited(); // StaffAccounts wrote staff.add with this administrator as actor
    r.redirect(HERE, r.t("accounts.created", user, password));
  }

  private interface Change {
    void apply(StaffAccounts staff, String user) throws Exception;
  }

  private void change(ConsoleRequest r, String doneKey, Change change, Object... extra) throws Exception {
    String user = Optional.ofNullable(r.ctx().formParam("user")).orElse("");
    r.audited(); // StaffAccounts records the change with this administrator as actor
    try {
      change.apply(staff(r), user);
    } catch (IllegalArgumentException e) {
      r.redirectWithProblem(HERE, r.t("accounts.noSuchAccount", user));
      return;
    }
    Object[] args = new Object[extra.length + 1];
    args[0] = user;
    System.arraycopy(extra, 0, args, 1, extra.length);
    r.redirect(HERE, r.t(doneKey, args));
  }

  private StaffAccounts staff(ConsoleRequest r) {
    return new StaffAccounts(db, clock, r.user());
  }

  /** 15 random bytes as base64url: 20 characters, above the minimum length, typed once by the person. */
  private String newPassword() {
    byte[] b = new byte[15];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
