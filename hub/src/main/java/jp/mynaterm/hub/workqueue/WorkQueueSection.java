package jp.mynaterm.hub.workqueue;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRequest;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * Console §5: the work queues, one page each ({@code /console/queues/{kind}}), and an overview of what
 * is open. Each page is open only to the roles it is for (and auditors, who read but do not handle);
 * items are further filtered per item ({@link WorkQueues#visible}).
 */
public final class WorkQueueSection implements ConsoleSection {
  private static final Set<StaffRole> SERVICES = Set.of(StaffRole.KIOSK_STAFF, StaffRole.LIBRARY, StaffRole.HOSPITAL, StaffRole.TAXI_OPERATOR);
  /** Who may handle each queue's items (besides administrators). */
  static final Map<WorkQueues.Kind, Set<StaffRole>> HANDLERS = Map.of(
      WorkQueues.Kind.NOTICES, SERVICES,
      WorkQueues.Kind.KIOSK_REQUESTS, Set.of(StaffRole.KIOSK_STAFF),
      WorkQueues.Kind.STAFF_ALERTS, SERVICES,
      WorkQueues.Kind.TERMINAL_DATA, Set.of());
  private final WorkQueues queues;

  public WorkQueueSection(WorkQueues queues) {
    this.queues = queues;
  }

  @Override
  public String id() {
    return "queues";
  }

  @Override
  public String titleKey() {
    return "queues.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return EnumSet.allOf(StaffRole.class);
  }

  /** Who may read a queue: its handlers and auditors. */
  static Set<StaffRole> readers(WorkQueues.Kind kind) {
    Set<StaffRole> r = EnumSet.of(StaffRole.AUDITOR);
    r.addAll(HANDLERS.get(kind));
    return r;
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", this::overview);
    for (WorkQueues.Kind kind : WorkQueues.Kind.values()) {
      routes.get("/" + kind.id, readers(kind), r -> r.render("workqueue/queue.jte", Map.of("kind", kind, "items", visible(r, kind),
          "canHandle", mayHandle(r, kind)), "queues." + kind.id));
      routes.post("/" + kind.id + "/handle", HANDLERS.get(kind).isEmpty() ? Set.of(StaffRole.ADMINISTRATOR) : HANDLERS.get(kind), r -> handle(r, kind));
    }
  }

  private void overview(ConsoleRequest r) throws Exception {
    Map<WorkQueues.Kind, Long> open = new LinkedHashMap<>();
    for (WorkQueues.Kind kind : WorkQueues.Kind.values()) {
      if (!r.may(StaffRole.ADMINISTRATOR) && readers(kind).stream().noneMatch(r.roles()::contains)) continue;
      open.put(kind, visible(r, kind).stream().filter(WorkQueues.Item::open).count());
    }
    r.render("workqueue/overview.jte", Map.of("open", open));
  }

  private List<WorkQueues.Item> visible(ConsoleRequest r, WorkQueues.Kind kind) throws java.sql.SQLException {
    return queues.items(kind).stream().filter(i -> WorkQueues.visible(i, r.roles())).toList();
  }

  private static boolean mayHandle(ConsoleRequest r, WorkQueues.Kind kind) {
    return r.may(StaffRole.ADMINISTRATOR) || HANDLERS.get(kind).stream().anyMatch(r.roles()::contains);
  }

  private void handle(ConsoleRequest r, WorkQueues.Kind kind) throws Exception {
    String here = "/console/queues/" + kind.id;
    String key = Optional.ofNullable(r.ctx().formParam("key")).orElse("");
    String note = Optional.ofNullable(r.ctx().formParam("note")).orElse("").strip();
    if (note.length() > 200) note = note.substring(0, 200);
    QueuedRequests.State outcome = "void".equals(r.ctx().formParam("outcome")) ? QueuedRequests.State.VOID : QueuedRequests.State.FULFILLED;
    r.audited(); // WorkQueues (or QueuedRequests for a kiosk's request) records it in the same transaction
    Optional<WorkQueues.Item> item = queues.find(kind, key);
    // An item of another service is not there for this user: the same answer as an unknown one.
    if (item.isEmpty() || !WorkQueues.visible(item.get(), r.roles()) || (!r.may(StaffRole.ADMINISTRATOR) && item.get().roles().stream().noneMatch(r.roles()::contains))) {
      r.redirectWithProblem(here, r.t("queues.unknown"));
      return;
    }
    try {
      queues.handle(kind, key, r.user(), note, outcome);
    } catch (WorkQueues.NotOpen e) {
      r.redirectWithProblem(here, r.t("queues.handledAlready"));
      return;
    }
    r.redirect(here, r.t("queues.handled"));
  }
}
