package jp.mynaterm.hub.kpi;

import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mynaterm.hub.storage.MonthlyCounts;

/**
 * The DX plan's KPIs that the terminals serve (shared/design/DOMAIN.md), month by month through a fiscal
 * year (April to March, Japan time), against the plan's R7 targets: library card registrations with the
 * card (5,000 people) and demand-taxi riders registered with the card (500 people), counted as card links
 * made at the counters since the system began; hospital visits with the card (15,000 in the year); and
 * the share of certificates issued at kiosks (10%): kiosk copies over kiosk and counter copies, the
 * counters' from the monthly import ({@link CounterIssuance}). Read from the monthly counts that the open
 * data reads too ({@link MonthlyCounts}): a few rows, however many events.
 */
public final class PlanKpis {
  /** How a KPI adds up. */
  public enum Kind {
    /** People registered: every month since the start counts (registrations stay). */
    REGISTERED,
    /** Done in the fiscal year: counted from April. */
    IN_YEAR,
    /** Kiosk copies over all copies, in percent, over the months whose counter counts were imported. */
    SHARE
  }

  /**
   * One KPI over the fiscal year's months.
   *
   * @param monthly the month's figure (a count, or the share in percent); null for a month without data
   *     (not yet come, or a share whose counter counts were not imported)
   * @param toDate the figure to the end of the month, as compared with the target; null as above
   */
  public record Kpi(String id, String titleJa, String titleEn, String unitJa, String unitEn, Kind kind, double target,
      List<Double> monthly, List<Double> toDate) {
    /** The newest figure to date (the fiscal year so far), or null. */
    public Double latest() {
      for (int i = toDate.size() - 1; i >= 0; i--) if (toDate.get(i) != null) return toDate.get(i);
      return null;
    }

    Kpi withKind(Kind other) {
      return new Kpi(id, titleJa, titleEn, unitJa, unitEn, other, target, monthly, toDate);
    }
  }

  /**
   * A fiscal year's KPIs; {@code months} April to March, {@code shown} how many have begun; the share's
   * parts by month: copies printed at kiosks, and at the counters (null where not imported).
   */
  public record Year(int fiscalYear, List<YearMonth> months, int shown, List<Kpi> kpis, List<Long> kioskCopies, List<Long> counterCopies) {
    /** 令和 year of the fiscal year (2025 → 7). */
    public int reiwa() {
      return fiscalYear - 2018;
    }
  }

  public static final double LIBRARY_TARGET = 5_000;
  public static final double HOSPITAL_TARGET = 15_000;
  public static final double TAXI_TARGET = 500;
  public static final double KIOSK_SHARE_TARGET = 10;
  /** Counts before this are not the system's: the search for "since the start" stops here. */
  private static final YearMonth EPOCH = YearMonth.of(2000, 1);

  private final MonthlyCounts counts;
  private final CounterIssuance counters;
  private final Clock clock;

  public PlanKpis(MonthlyCounts counts, CounterIssuance counters, Clock clock) {
    this.counts = counts;
    this.counters = counters;
    this.clock = clock;
  }

  /** The fiscal year (年度) a month is in: April 2026 to March 2027 is 2026 (令和8年度). */
  public static int fiscalYearOf(YearMonth month) {
    return month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1;
  }

  /** The fiscal year that is under way now in the city. */
  public int currentFiscalYear() {
    return fiscalYearOf(YearMonth.from(clock.instant().atZone(MonthlyCounts.CITY)));
  }

  public Year year(int fiscalYear) throws SQLException {
    YearMonth first = YearMonth.of(fiscalYear, 4);
    YearMonth now = YearMonth.from(clock.instant().atZone(MonthlyCounts.CITY));
    List<YearMonth> months = new ArrayList<>();
    for (int i = 0; i < 12; i++) months.add(first.plusMonths(i));
    int shown = (int) months.stream().filter(m -> !m.isAfter(now)).count();

    Map<String, long[]> monthly = new HashMap<>(); // metric/part → 12 months
    Map<String, Long> before = new HashMap<>(); // registrations before April
    for (MonthlyCounts.Count c : counts.between(EPOCH, first.plusMonths(11))) {
      String key = c.metric() + "/" + c.part();
      if (c.month().isBefore(first)) before.merge(key, c.n(), Long::sum);
      else monthly.computeIfAbsent(key, k -> new long[12])[(int) first.until(c.month(), java.time.temporal.ChronoUnit.MONTHS)] += c.n();
    }
    long[] kiosk = new long[12];
    monthly.forEach((key, v) -> {
      if (key.startsWith(MonthlyCounts.KIOSK_COPIES + "/")) for (int i = 0; i < 12; i++) kiosk[i] += v[i];
    });
    Map<YearMonth, Long> counter = counters.byMonth(first, first.plusMonths(11));

    List<Kpi> kpis = List.of(
        registered("library", "マイナンバーカードの図書館カード登録者数", "Library card registrations with the card", "人", "people", LIBRARY_TARGET,
            monthly.getOrDefault(MonthlyCounts.CARD_LINKED + "/library", new long[12]), before.getOrDefault(MonthlyCounts.CARD_LINKED + "/library", 0L), shown),
        inYear("hospital", "美濃病院におけるマイナンバーカードでの受診件数", "Hospital visits with the card", "件", "visits", HOSPITAL_TARGET,
            monthly.getOrDefault(MonthlyCounts.HOSPITAL_VISITS + "/", new long[12]), shown),
        registered("taxi", "マイナンバーカードによるのり愛くん利用登録者数", "Demand-taxi riders registered with the card", "人", "people", TAXI_TARGET,
            monthly.getOrDefault(MonthlyCounts.CARD_LINKED + "/taxi", new long[12]), before.getOrDefault(MonthlyCounts.CARD_LINKED + "/taxi", 0L), shown),
        share(months, kiosk, counter, shown));
    List<Long> kioskCopies = new ArrayList<>();
    List<Long> counterCopies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      kioskCopies.add(i < shown ? kiosk[i] : null);
      counterCopies.add(i < shown ? counter.get(months.get(i)) : null);
    }
    return new Year(fiscalYear, List.copyOf(months), shown, kpis, java.util.Collections.unmodifiableList(kioskCopies), java.util.Collections.unmodifiableList(counterCopies));
  }

  private static Kpi registered(String id, String ja, String en, String unitJa, String unitEn, double target, long[] months, long before, int shown) {
    List<Double> monthly = new ArrayList<>();
    List<Double> toDate = new ArrayList<>();
    long sum = before;
    for (int i = 0; i < 12; i++) {
      sum += months[i];
      monthly.add(i < shown ? (double) months[i] : null);
      toDate.add(i < shown ? (double) sum : null);
    }
    return new Kpi(id, ja, en, unitJa, unitEn, Kind.REGISTERED, target, monthly, toDate);
  }

  private static Kpi inYear(String id, String ja, String en, String unitJa, String unitEn, double target, long[] months, int shown) {
    return registered(id, ja, en, unitJa, unitEn, target, months, 0, shown).withKind(Kind.IN_YEAR);
  }

  private static Kpi share(List<YearMonth> months, long[] kiosk, Map<YearMonth, Long> counter, int shown) {
    List<Double> monthly = new ArrayList<>();
    List<Double> toDate = new ArrayList<>();
    long kioskSum = 0, allSum = 0;
    for (int i = 0; i < 12; i++) {
      Long atCounters = i < shown ? counter.get(months.get(i)) : null;
      if (atCounters == null) {
        monthly.add(null);
        toDate.add(allSum == 0 ? null : 100.0 * kioskSum / allSum);
        continue;
      }
      long all = kiosk[i] + atCounters;
      monthly.add(all == 0 ? null : 100.0 * kiosk[i] / all);
      kioskSum += kiosk[i];
      allSum += all;
      toDate.add(allSum == 0 ? null : 100.0 * kioskSum / allSum);
    }
    for (int i = shown; i < 12; i++) toDate.set(i, null);
    return new Kpi("kiosk-share", "各種証明書のコンビニ（キオスク）での発行割合", "Share of certificates issued at kiosks", "%", "%", Kind.SHARE,
        KIOSK_SHARE_TARGET, monthly, toDate);
  }
}
