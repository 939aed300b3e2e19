package jp.mynaterm.hub.issuance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.config.IssuanceSettings.CertificateRule;
import jp.mynaterm.hub.issuance.RuleDecision.Code;
import jp.mynaterm.hub.issuance.RuleDecision.Refused;

/**
 * The city's rules for kiosk certificates, from configuration: opening hours and closed days, types
 * issued only on weekdays, age limits, who may obtain what, and fees per type and copy. Time is
 * always the city's local time ({@code now} carries the zone).
 */
public final class IssuanceRules {
  private static final Map<CertificateType, Set<String>> OPTIONS =
      Map.of(
          CertificateType.JUMINHYO, Set.of("scope", "honseki", "zokugara"),
          CertificateType.SHOTOKU, Set.of("fiscalYear"),
          CertificateType.INKAN, Set.of(),
          CertificateType.FUHYO, Set.of());

  private final IssuanceSettings settings;
  private final Set<LocalDate> closedDays;
  private final Set<LocalDate> holidays;

  public IssuanceRules(IssuanceSettings settings) {
    this.settings = settings;
    this.holidays = settings.holidays().stream().map(LocalDate::parse).collect(Collectors.toUnmodifiableSet());
    this.closedDays = settings.maintenanceDays().stream().map(LocalDate::parse).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @param hasTaxRecord whether the city holds a tax record for a resident and fiscal year
   */
  public RuleDecision decide(IssuanceAsk ask, Resident resident, ZonedDateTime now, BiPredicate<Resident, Integer> hasTaxRecord) {
    RuleDecision open = openNow(ask.type(), now);
    if (open instanceof Refused no) return no;
    CertificateRule rule = settings.types().get(ask.type().key());
    LocalDate today = now.toLocalDate();
    if (ask.copies() < 1 || ask.copies() > rule.maxCopies()) {
      return new Refused(Code.TOO_MANY_COPIES, "1 to " + rule.maxCopies() + " copies");
    }
    for (String option : ask.options().keySet()) {
      if (!OPTIONS.get(ask.type()).contains(option)) return new Refused(Code.BAD_OPTION, "unknown option " + option);
    }
    if (resident.status() != Resident.Status.CURRENT) return new Refused(Code.NOT_A_CURRENT_RESIDENT, "status " + resident.status());
    if (resident.ageOn(today) < rule.minAge()) return new Refused(Code.TOO_YOUNG, "from age " + rule.minAge());
    RuleDecision byType =
        switch (ask.type()) {
          case JUMINHYO -> juminhyo(ask);
          // The certificate states the impression is the registered one: without the image it cannot be printed.
          case INKAN -> !resident.sealRegistered() ? new Refused(Code.NO_SEAL_REGISTERED, "no seal registration")
              : resident.sealImpression() == null ? new Refused(Code.NO_SEAL_REGISTERED, "no seal impression in the register extract") : null;
          case SHOTOKU -> shotoku(ask, resident, hasTaxRecord);
          case FUHYO -> resident.honsekiInCity() ? null : new Refused(Code.DOMICILE_ELSEWHERE, "本籍 not in the city");
        };
    return byType != null ? byType : new RuleDecision.Allowed(rule.feeYen() * ask.copies());
  }

  /**
   * The rules that depend only on the type and the calendar (kiosk type, closed day, weekdays only,
   * hours), so the kiosk can refuse before it asks for the card and the PIN; allowed answers the fee
   * of one copy.
   */
  public RuleDecision openNow(CertificateType type, ZonedDateTime now) {
    CertificateRule rule = settings.types().get(type.key());
    if (rule == null) return new Refused(Code.TYPE_UNAVAILABLE, type.key() + " is not issued at kiosks");
    LocalDate today = now.toLocalDate();
    if (inYearEndClosure(today) || closedDays.contains(today)) return new Refused(Code.CLOSED_DAY, "closed on " + today);
    if (rule.weekdaysOnly() && (isWeekend(today) || holidays.contains(today))) {
      return new Refused(Code.WEEKDAYS_ONLY, type.key() + " only on weekdays");
    }
    LocalTime opens = LocalTime.parse(rule.opens() != null ? rule.opens() : settings.opens());
    LocalTime closes = LocalTime.parse(rule.closes() != null ? rule.closes() : settings.closes());
    LocalTime time = now.toLocalTime();
    if (time.isBefore(opens) || !time.isBefore(closes)) {
      return new Refused(Code.CLOSED_HOURS, type.key() + " from " + opens + " to " + closes);
    }
    return new RuleDecision.Allowed(rule.feeYen());
  }

  private static RuleDecision juminhyo(IssuanceAsk ask) {
    if (!Set.of("self", "household").contains(ask.option("scope", "self"))) return new Refused(Code.BAD_OPTION, "scope is self or household");
    for (String yesNo : new String[] {"honseki", "zokugara"}) {
      if (!Set.of("yes", "no").contains(ask.option(yesNo, "no"))) return new Refused(Code.BAD_OPTION, yesNo + " is yes or no");
    }
    return null;
  }

  private static RuleDecision shotoku(IssuanceAsk ask, Resident resident, BiPredicate<Resident, Integer> hasTaxRecord) {
    String year = ask.option("fiscalYear", "");
    if (!year.matches("\\d{4}")) return new Refused(Code.BAD_OPTION, "fiscalYear is a 4-digit year");
    return hasTaxRecord.test(resident, Integer.parseInt(year)) ? null : new Refused(Code.NO_TAX_RECORD, "no record for " + year);
  }

  /**
   * Whether every type may be issued on {@code day} (at suitable hours): a weekday that is not a
   * holiday, a maintenance day or in the year-end closure.
   */
  public boolean isFullServiceDay(LocalDate day) {
    return !inYearEndClosure(day) && !closedDays.contains(day) && !isWeekend(day) && !holidays.contains(day);
  }

  private boolean inYearEndClosure(LocalDate day) {
    MonthDay from = MonthDay.parse("--" + settings.closedFrom());
    MonthDay until = MonthDay.parse("--" + settings.closedUntil());
    MonthDay d = MonthDay.from(day);
    // The closure wraps the new year (12-29 to 01-03): inside means after from or before until.
    return from.isAfter(until) ? !d.isBefore(from) || !d.isAfter(until) : !d.isBefore(from) && !d.isAfter(until);
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
