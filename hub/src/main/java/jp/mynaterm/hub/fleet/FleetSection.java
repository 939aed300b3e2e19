package jp.mynaterm.hub.fleet;

import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The fleet in the console ({@code /console/fleet}): administrators (who run the terminals), auditors
 * (who oversee, reading only) and kiosk staff (the kiosks' paper is theirs to change). The page names
 * terminals and their state, never a resident.
 */
public final class FleetSection implements ConsoleSection {
  private final FleetPage page;

  public FleetSection(FleetPage page) {
    this.page = page;
  }

  @Override
  public String id() {
    return "fleet";
  }

  @Override
  public String titleKey() {
    return "fleet.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.AUDITOR, StaffRole.KIOSK_STAFF);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("fleet/section.jte", Map.of("view", page.view("en".equals(r.messages().lang())))));
  }
}
