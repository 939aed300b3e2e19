package jp.mynaterm.cli.demo;

import java.util.List;
import java.util.Set;
import jp.mynaterm.hub.Hub;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The city's console on the demo hub (its address is in the hub's lines, {@code console: …}): an
 * administrator account for the demo, with a password made now and printed (development only).
 */
final class ConsoleDemoPart implements DemoPart {
  static final String DEMO_ADMIN = "demo-admin";

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Hub hub = context.get("hub", Hub.class);
    if (!hub.config().development()) return List.of(); // never a printed password outside development
    String password = DemoStaff.account(hub.staff(), DEMO_ADMIN, "デモ管理者 / demo administrator", Set.of(StaffRole.ADMINISTRATOR));
    return List.of("console sign-in (demo only): user " + DEMO_ADMIN + ", password " + password);
  }

  @Override
  public void close() {}
}
