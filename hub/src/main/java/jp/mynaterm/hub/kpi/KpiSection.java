package jp.mynaterm.hub.kpi;

import java.util.Map;
import java.util.Set;
import jp.mynaterm.hub.console.ConsoleRoutes;
import jp.mynaterm.hub.console.ConsoleSection;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The plan's KPIs in the console ({@code /console/kpi}, {@code ?fy=2026}; {@code /console/kpi/csv} every
 * figure as CSV): administrators and auditors, who report the plan's progress (plan section 5).
 */
public final class KpiSection implements ConsoleSection {
  static final String PATH = "/console/kpi";
  private final KpiPage page;

  public KpiSection(KpiPage page) {
    this.page = page;
  }

  @Override
  public String id() {
    return "kpi";
  }

  @Override
  public String titleKey() {
    return "kpi.title";
  }

  @Override
  public Set<StaffRole> roles() {
    return Set.of(StaffRole.AUDITOR);
  }

  @Override
  public void routes(ConsoleRoutes routes) {
    routes.get("", r -> r.render("kpi/section.jte",
        Map.of("view", page.view(page.fiscalYear(r.ctx().queryParam("fy")), "en".equals(r.messages().lang()), PATH))));
    routes.get("/csv", r -> {
      int year = page.fiscalYear(r.ctx().queryParam("fy"));
      r.ctx().contentType("text/csv; charset=utf-8").header("Cache-Control", "no-store")
          .header("Content-Disposition", "attachment; filename=\"kpi-fy" + year + ".csv\"").result(page.csv(year));
    });
  }
}
