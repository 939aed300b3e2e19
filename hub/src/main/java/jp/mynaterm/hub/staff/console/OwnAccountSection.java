package jp.mynaterm.hub.staff.console;

import jp.mynaterm.hub.passkey.Passkeys;
import jp.mynaterm.hub.staff.StaffAccounts;

import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Console §1 for everyone signed in: change one's own password (the current one first), and register
 * or remove one's passkeys (the page's script runs the WebAuthn ceremony where the browser has it).
 */
public final class OwnAccountSection implements ConsoleSection {
  private static final String HERE = "/console/account";
  private static final String REGISTERING = "passkey-registration";
  private final Database db;
  private final Clock clock;
  private final Passkeys passkeys;

  public OwnAccountSection(Database db, Clock clock, Passkeys passkeys) {
    this.db = db;
    this.clock = clock;
    this.passkeys = passkeys;
  }

  @Override
  public String id() {
    return "account";
  }

  @Override
  public String titleKey() {
    return "account.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return EnumSet.allOf(StaffRole.class);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("staff/account.jte", Map.of("passkeys", passkeys.list(r.user()))));
    routes.post("/password", this::password);
    routes.post("/passkeys/options", r -> {
      r.audited(); // nothing changes yet
      var account = new StaffAccounts(db, clock).account(r.user()).orElseThrow();
      Passkeys.Registration registration = passkeys.registration(r.user());
      r.keep(REGISTERING, registration);
      r.json(HttpStatus.OK, passkeys.registrationOptions(r.user(), account.displayName(), registration));
    });
    routes.post("/passkeys", this::register);
    routes.post("/passkeys/remove", r -> {
      r.audited(); // Passkeys.remove records it
      boolean removed = passkeys.remove(r.user(), Optional.ofNullable(r.ctx().formParam("credential")).orElse(""));
      if (removed) r.redirect(HERE, r.t("account.passkeyRemoved"));
      else r.redirectWithProblem(HERE, r.t("account.passkeyUnknown"));
    });
  }

  private void password(ConsoleRequest r) throws Exception {
    var ctx = r.ctx();
    String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
    String next = Optional.ofNullable(ctx.formParam("next")).orElse("");
    r.audited(); // StaffAccounts writes staff.password when it changes; a refusal changes nothing
    if (!next.equals(ctx.formParam("again"))) {
      r.redirectWithProblem(HERE, r.t("account.passwordsDiffer"));
      return;
    }
    try {
      if (!new StaffAccounts(db, clock, r.user()).changeOwnPassword(r.user(), current, next)) {
        r.redirectWithProblem(HERE, r.t("account.currentWrong"));
        return;
      }
    } catch (IllegalArgumentException tooShort) {
      r.redirectWithProblem(HERE, r.t("account.passwordTooShort", jp.mynaterm.protocol.staff.StaffPassword.MIN_LENGTH));
      return;
    }
    r.redirect(HERE, r.t("account.passwordChanged"));
  }

  private void register(ConsoleRequest r) throws Exception {
    r.audited(); // Passkeys.register records staff.passkey-add
    try {
      passkeys.register(r.user(), (Passkeys.Registration) r.take(REGISTERING), r.ctx().body());
    } catch (Passkeys.Refused e) {
      org.slf4j.LoggerFactory.getLogger(OwnAccountSection.class).info("console: a passkey of {} was not registered: {}", r.user(), e.getMessage());
      r.json(HttpStatus.BAD_REQUEST, Map.of("error", r.t("account.passkeyRefused")));
      return;
    }
    r.keepFlash(r.t("account.passkeyAdded"));
    r.json(HttpStatus.OK, Map.of("next", HERE));
  }
}
