package jp.mynaterm.hub.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A KPI's chart, drawn on the server as SVG (no script, nothing to load): a bar per month that has
 * begun — the figure to date for a count (how far towards the target), the month's share for the
 * kiosks' share — and the target as a dashed line. The geometry is computed here and the template
 * writes it out; the same figures are in the table beside it for anyone who does not see the chart.
 */
public record KpiChart(String id, String title, String desc, int width, int height, List<Bar> bars, Tick target, List<Tick> ticks,
    double plotLeft, double plotRight) {
  /** Positions to a tenth of a unit: enough for the eye, short in the page. */
  public record Bar(double x, double y, double w, double h, String month, double labelX) {
    public Bar {
      x = tenth(x);
      y = tenth(y);
      w = tenth(w);
      h = tenth(h);
      labelX = tenth(labelX);
    }
  }

  public record Tick(double y, String label) {
    public Tick {
      y = tenth(y);
    }
  }

  private static double tenth(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static final int WIDTH = 560;
  private static final int HEIGHT = 220;
  private static final double LEFT = 64, RIGHT = 8, TOP = 16, BOTTOM = 28;

  static KpiChart of(PlanKpis.Kpi kpi, PlanKpis.Year year, boolean en) {
    boolean share = kpi.kind() == PlanKpis.Kind.SHARE;
    List<Double> values = share ? kpi.monthly() : kpi.toDate();
    double max = kpi.target();
    for (Double v : values) if (v != null) max = Math.max(max, v);
    double top = nice(max * 1.1);
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double slot = (WIDTH - LEFT - RIGHT) / 12.0;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Double v = values.get(i);
      double h = v == null ? 0 : plotHeight * v / top;
      String month = en ? year.months().get(i).getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)
          : year.months().get(i).getMonthValue() + "月";
      bars.add(new Bar(LEFT + i * slot + slot * 0.15, TOP + plotHeight - h, slot * 0.7, h, month, LEFT + i * slot + slot / 2));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int k = 0; k <= 4; k++) ticks.add(new Tick(TOP + plotHeight - plotHeight * k / 4, number(top * k / 4, kpi, share)));
    Tick target = new Tick(TOP + plotHeight - plotHeight * kpi.target() / top, (en ? "target " : "目標 ") + number(kpi.target(), kpi, share));
    String title = en ? kpi.titleEn() + " (FY" + year.fiscalYear() + ")" : kpi.titleJa() + "（令和" + year.reiwa() + "年度）";
    return new KpiChart(kpi.id(), title, describe(kpi, year, en), WIDTH, HEIGHT, List.copyOf(bars), target, List.copyOf(ticks), LEFT, WIDTH - RIGHT);
  }

  /** What the chart shows, in a sentence, for screen readers (the table beside it has every figure). */
  private static String describe(PlanKpis.Kpi kpi, PlanKpis.Year year, boolean en) {
    boolean share = kpi.kind() == PlanKpis.Kind.SHARE;
    Double latest = kpi.latest();
    String what = switch (kpi.kind()) {
      case REGISTERED -> en ? "Bars: registrations to the end of each month, since the system began." : "棒: 各月末までの累計（運用開始から）。";
      case IN_YEAR -> en ? "Bars: the fiscal year's total to the end of each month." : "棒: 年度初めから各月末までの累計。";
      case SHARE -> en ? "Bars: each month's share of copies issued at kiosks (months with the counters' figures imported)." : "棒: 各月のキオスク交付の割合（窓口の件数を取り込んだ月）。";
    };
    String now = latest == null ? (en ? " No figures yet." : " まだ数値がありません。")
        : en ? " To date: " + number(latest, kpi, share) + " of the target " + number(kpi.target(), kpi, share) + "."
            : " 現在 " + number(latest, kpi, share) + "（目標 " + number(kpi.target(), kpi, share) + "）。";
    return what + now;
  }

  /** A figure as the page writes it: 5,000 or 12.5%. */
  static String number(double v, PlanKpis.Kpi kpi, boolean share) {
    return share ? String.format(Locale.ROOT, "%.1f%%", v) : String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  /** The axis' top: 1, 2 or 5 times a power of ten at or above {@code v}. */
  static double nice(double v) {
    if (v <= 0) return 1;
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * p >= v) return m * p;
    return 10 * p;
  }
}
