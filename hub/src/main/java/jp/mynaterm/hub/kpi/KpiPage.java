package jp.mynaterm.hub.kpi;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.hub.opendata.MonthlyOpenData;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.MonthlyCounts;

/**
 * The console's KPI page (issue #18 §3): each of the plan's KPIs as an SVG chart drawn here, with a table
 * of the same figures beside it, for a fiscal year; and every figure as CSV ({@link #csv}). HTML from the
 * jte template {@code src/main/jte/kpi/plan.jte} (every value escaped), Japanese or English.
 */
public final class KpiPage {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  /** One KPI: its chart, a line of where it stands, and its table (header row, then a row a month). */
  public record Section(KpiChart chart, String standing, List<String> header, List<List<String>> rows) {}

  /**
   * What the template shows.
   *
   * @param base the page's own path: the year links and the CSV's are made from it
   */
  public record View(boolean en, String heading, String note, int fiscalYear, String base, List<Section> sections) {
    public String t(String ja, String english) {
      return en ? english : ja;
    }
  }

  private final PlanKpis kpis;

  public KpiPage(PlanKpis kpis) {
    this.kpis = kpis;
  }

  public KpiPage(Database db, Clock clock) {
    this(new PlanKpis(new MonthlyCounts(db), new CounterIssuance(db, clock), clock));
  }

  public PlanKpis kpis() {
    return kpis;
  }

  /** The fiscal year asked for ({@code fy=2026}), or the current one if none or not a year. */
  public int fiscalYear(String asked) {
    if (asked != null && asked.matches("20\\d\\d")) return Integer.parseInt(asked);
    return kpis.currentFiscalYear();
  }

  /** The page's body alone (what the console's section shows inside its layout), for the fiscal year, in Japanese or English. */
  public String render(int fiscalYear, boolean en, String base) throws SQLException {
    StringOutput out = new StringOutput();
    TEMPLATES.render("kpi/plan.jte", Map.of("view", view(fiscalYear, en, base)), out);
    return out.toString();
  }

  /** What the page shows for the fiscal year, in Japanese or English; {@code base} is the page's own path. */
  public View view(int fiscalYear, boolean en, String base) throws SQLException {
    PlanKpis.Year year = kpis.year(fiscalYear);
    List<Section> sections = new ArrayList<>();
    for (PlanKpis.Kpi kpi : year.kpis()) sections.add(section(kpi, year, en));
    String heading = en ? "The plan's KPIs, FY" + fiscalYear + " (April " + fiscalYear + " – March " + (fiscalYear + 1) + ")"
        : "計画のKPI 令和" + year.reiwa() + "年度（" + fiscalYear + "年4月〜" + (fiscalYear + 1) + "年3月）";
    String note = en
        ? "Targets: the Mino City DX plan's R7 (FY2025) figures. Counted from the terminals' events by month in Japan time; registrations are card links made at the counters since the system began; the counters' certificates come from the counter system's monthly import."
        : "目標は美濃市DX推進計画の令和7年度の値。端末の記録から日本時間の月ごとに集計。登録者数は運用開始からの窓口でのカード連携の累計。窓口の交付件数は窓口システムの月次データの取り込みによる。";
    return new View(en, heading, note, fiscalYear, base, List.copyOf(sections));
  }

  private static Section section(PlanKpis.Kpi kpi, PlanKpis.Year year, boolean en) {
    boolean share = kpi.kind() == PlanKpis.Kind.SHARE;
    Double latest = kpi.latest();
    String standing = latest == null ? (en ? "No figures yet" : "数値はまだありません")
        : KpiChart.number(latest, kpi, share) + " / " + KpiChart.number(kpi.target(), kpi, share) + (share ? "" : " " + (en ? kpi.unitEn() : kpi.unitJa()))
            + (share ? "" : String.format(java.util.Locale.ROOT, en ? " (%.0f%% of the target)" : "（目標の%.0f%%）", 100 * latest / kpi.target()));
    List<String> header;
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < year.shown(); i++) {
      String month = year.months().get(i).toString();
      if (share) {
        Long counter = year.counterCopies().get(i);
        rows.add(List.of(month, String.format(java.util.Locale.ROOT, "%,d", year.kioskCopies().get(i)),
            counter == null ? (en ? "not imported" : "未取込") : String.format(java.util.Locale.ROOT, "%,d", counter),
            cell(kpi.monthly().get(i), kpi, true), cell(kpi.toDate().get(i), kpi, true)));
      } else {
        rows.add(List.of(month, cell(kpi.monthly().get(i), kpi, false), cell(kpi.toDate().get(i), kpi, false)));
      }
    }
    if (share) header = en ? List.of("Month", "Kiosk copies", "Counter copies", "Kiosk share", "Year to date") : List.of("月", "キオスク交付", "窓口交付", "キオスクの割合", "年度累計");
    else header = en ? List.of("Month", "In the month", kpi.kind() == PlanKpis.Kind.REGISTERED ? "Total registered" : "Year to date")
        : List.of("月", "当月", kpi.kind() == PlanKpis.Kind.REGISTERED ? "累計登録" : "年度累計");
    return new Section(KpiChart.of(kpi, year, en), standing, header, List.copyOf(rows));
  }

  private static String cell(Double v, PlanKpis.Kpi kpi, boolean share) {
    return v == null ? "—" : KpiChart.number(v, kpi, share);
  }

  /**
   * Every figure of the fiscal year as CSV (UTF-8, CRLF, written by the open data's CSV writer): a row
   * per KPI and month, with the month's figure, the figure to date and the target; the share's parts
   * (kiosk and counter copies) as rows of their own. Empty where there is no figure.
   */
  public String csv(int fiscalYear) throws SQLException {
    PlanKpis.Year year = kpis.year(fiscalYear);
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("年度", "年月", "指標", "kpi", "当月", "累計", "R7目標"));
    for (PlanKpis.Kpi kpi : year.kpis()) {
      for (int i = 0; i < year.shown(); i++) {
        lines.add(List.of(Integer.toString(fiscalYear), year.months().get(i).toString(), kpi.titleJa(), kpi.id(), plain(kpi.monthly().get(i)),
            plain(kpi.toDate().get(i)), plain(kpi.target())));
      }
    }
    for (int i = 0; i < year.shown(); i++) {
      String month = year.months().get(i).toString();
      lines.add(List.of(Integer.toString(fiscalYear), month, "キオスクでの証明書交付通数", "kiosk-copies", Long.toString(year.kioskCopies().get(i)), "", ""));
      Long counter = year.counterCopies().get(i);
      lines.add(List.of(Integer.toString(fiscalYear), month, "窓口での証明書交付通数", "counter-copies", counter == null ? "" : Long.toString(counter), "", ""));
    }
    try {
      return MonthlyOpenData.CSV.writeValueAsString(lines);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e); // text cells into a string: cannot happen
    }
  }

  /** A figure as CSV holds it: a whole number plainly, a share to two decimals. */
  private static String plain(Double v) {
    if (v == null) return "";
    return v == Math.rint(v) ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
