package jp.mynaterm.hub.pki;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Console: 端末の登録 / Terminal enrollment. The requests devices sent ({@link EnrollmentDesk}), each
 * with the short code the device shows; an administrator at the device compares the codes and
 * approves (confirming or changing the role, which is the hub's word, not the device's) or refuses.
 * Both are audited ({@code terminal.enrolled}, {@code terminal.refused}).
 */
public final class EnrollmentSection implements ConsoleSection {
  private final TerminalPki pki;

  public EnrollmentSection(TerminalPki pki) {
    this.pki = pki;
  }

  @Override
  public String id() {
    return "enrollment";
  }

  @Override
  public String titleKey() {
    return "enrollment.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.ADMINISTRATOR);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("enrollment/requests.jte", Map.of("requests", pki.pending(), "roles", terminalRoles())));
    routes.post("/approve", this::approve);
    routes.post("/refuse", this::refuse);
  }

  /** The roles a terminal can be given (not the hub's). */
  static List<String> terminalRoles() {
    return Arrays.stream(Role.values()).filter(x -> x != Role.HUB).map(Role::key).toList();
  }

  private void approve(ConsoleRequest r) throws Exception {
    Role role;
    try {
      role = Role.of(String.valueOf(r.ctx().formParam("role")));
    } catch (RuntimeException e) {
      r.redirectWithProblem("/console/enrollment", r.t("enrollment.bad-role"));
      return;
    }
    try {
      PendingEnrollment done = pki.approve(String.valueOf(r.ctx().formParam("id")), role);
      r.audit("terminal.enrolled", done.terminal(), "role " + role.key() + ", code " + done.code());
      r.redirect("/console/enrollment", r.t("enrollment.approved", done.terminal(), role.key()));
    } catch (PkiRefused e) {
      r.redirectWithProblem("/console/enrollment", e.getMessage());
    }
  }

  private void refuse(ConsoleRequest r) throws Exception {
    try {
      PendingEnrollment done = pki.refuse(String.valueOf(r.ctx().formParam("id")));
      r.audit("terminal.refused", done.terminal(), "role asked " + done.role().key() + ", code " + done.code());
      r.redirect("/console/enrollment", r.t("enrollment.refused", done.terminal()));
    } catch (PkiRefused e) {
      r.redirectWithProblem("/console/enrollment", e.getMessage());
    }
  }
}
