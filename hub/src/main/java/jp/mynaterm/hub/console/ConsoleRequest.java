package jp.mynaterm.hub.console;

import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * One request to a console page, from a signed-in member of staff allowed there: who, in which
 * language, and the ways to answer (a page from a template, a redirect after an action) and to record
 * an action in the audit log.
 */
public final class ConsoleRequest {
  private final Context ctx;
  private final Console console;
  private final ConsoleSessions.Session session;
  private final Set<StaffRole> roles;
  private final String titleKey;
  private boolean audited;

  ConsoleRequest(Context ctx, Console console, ConsoleSessions.Session session, Set<StaffRole> roles, String titleKey) {
    this.ctx = ctx;
    this.console = console;
    this.session = session;
    this.roles = roles;
    this.titleKey = titleKey;
  }

  public Context ctx() {
    return ctx;
  }

  /** The signed-in user id: the actor of every audit entry this request writes. */
  public String user() {
    return session.userId;
  }

  public Set<StaffRole> roles() {
    return roles;
  }

  /** Whether the user has {@code role} or is an administrator. */
  public boolean may(StaffRole role) {
    return roles.contains(role) || roles.contains(StaffRole.ADMINISTRATOR);
  }

  public Messages messages() {
    return console.messages(session.lang);
  }

  public String t(String key, Object... args) {
    return messages().t(key, args);
  }

  /** Renders a jte template (under src/main/jte) with {@code params} and {@code page} (the {@link ConsoleView}), titled by the section. */
  public void render(String template, Map<String, Object> params) {
    render(template, params, titleKey);
  }

  public void render(String template, Map<String, Object> params, String titleKey) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("page", console.view(ctx, session, t(titleKey)));
    StringOutput out = new StringOutput();
    Console.TEMPLATES.render(template, all, out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
  }

  /** After an action: back to a page ({@code /console/…}) with a message shown there once. */
  public void redirect(String path, String flash) {
    session.flash = flash;
    session.flashIsProblem = false;
    ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** A message for the next page this browser opens (after a script's action, which navigates itself). */
  public void keepFlash(String flash) {
    session.flash = flash;
    session.flashIsProblem = false;
  }

  /** After an action that could not be done: back to a page with the problem shown there once. */
  public void redirectWithProblem(String path, String problem) {
    session.flash = problem;
    session.flashIsProblem = true;
    ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Keeps a value in this browser's session until {@link #take} (a ceremony's challenge). */
  public void keep(String key, Object value) {
    session.kept.put(key, value);
  }

  /** The value kept under {@code key}, removed: each is used once. */
  public Object take(String key) {
    return session.kept.remove(key);
  }

  /** Signs {@code userId} out everywhere (the account was disabled or its password reset). */
  public void endSessionsOf(String userId) {
    console.endSessionsOf(userId);
  }

  /** Answers a page's script with JSON. */
  public void json(io.javalin.http.HttpStatus status, Object value) throws java.io.IOException {
    jp.mynaterm.hub.http.Answers.json(ctx, status, value);
  }

  /** Records a staff action in its own transaction ({@link AuditLog}), the signed-in user as actor. */
  public void audit(String action, String subject, String detail) throws SQLException {
    console.audit().append(user(), action, subject, detail);
    audited = true;
  }

  /** Records a staff action in the caller's transaction, so the action and its record commit together. */
  public void audit(Connection c, String action, String subject, String detail) throws SQLException {
    console.audit().append(c, user(), action, subject, detail);
    audited = true;
  }

  /**
   * Marks the action as recorded by code that audits itself (e.g. {@code StaffAccounts} made with
   * {@link #user()} as its actor), so the shell writes no generic entry.
   */
  public void audited() {
    audited = true;
  }

  boolean wasAudited() {
    return audited;
  }
}
