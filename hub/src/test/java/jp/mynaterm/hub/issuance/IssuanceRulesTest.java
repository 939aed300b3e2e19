package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.hub.issuance.RuleDecision.Code;
import org.junit.jupiter.api.Test;

class IssuanceRulesTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  /** Tuesday 24 November 2026, 10:00 in Mino. */
  private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, JST);

  private final IssuanceRules rules =
      new IssuanceRules(new IssuanceSettings(null, null, null, null, null, null, null, null, null, null, List.of("2026-11-23"), List.of("2026-11-26"), null));

  private static Resident resident(LocalDate born, String seal, boolean honsekiInCity, Resident.Status status) {
    return new Resident("R1", "H1", "美濃", "花子", "ミノ", "ハナコ", born, Resident.Sex.FEMALE, "岐阜県美濃市１番地", "世帯主", true, "岐阜県美濃市１番地 美濃花子", honsekiInCity, seal, status,
        null, seal.isEmpty() ? null : java.nio.file.Path.of("seals", seal + ".png"));
  }

  private static final Resident ADULT = resident(LocalDate.of(1950, 4, 1), "S-100", true, Resident.Status.CURRENT);

  private RuleDecision decide(CertificateType type, Map<String, String> options, int copies, Resident r, ZonedDateTime at) {
    return rules.decide(new IssuanceAsk(type, options, copies), r, at, (res, year) -> year == 2026);
  }

  private static void assertRefused(Code code, RuleDecision d) {
    assertEquals(code, assertInstanceOf(RuleDecision.Refused.class, d, d::toString).code());
  }

  @Test
  void feeIsPerCopy() {
    assertEquals(new RuleDecision.Allowed(750), decide(CertificateType.JUMINHYO, Map.of("scope", "household"), 3, ADULT, TUESDAY_10));
  }

  @Test
  void openingHoursAreKeptAtBothEnds() {
    assertRefused(Code.CLOSED_HOURS, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.withHour(6).withMinute(29)));
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.withHour(6).withMinute(30)));
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.withHour(22).withMinute(59)));
    assertRefused(Code.CLOSED_HOURS, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.withHour(23).withMinute(0)));
  }

  @Test
  void yearEndClosureWrapsTheNewYear() {
    for (var day : List.of(LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 3))) {
      assertRefused(Code.CLOSED_DAY, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, day.atTime(10, 0).atZone(JST)));
    }
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, LocalDate.of(2026, 12, 28).atTime(10, 0).atZone(JST)));
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, LocalDate.of(2027, 1, 4).atTime(10, 0).atZone(JST)));
  }

  @Test
  void maintenanceDayClosesEverything() {
    assertRefused(Code.CLOSED_DAY, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.plusDays(2)));
  }

  @Test
  void weekdayOnlyTypeKeepsItsOwnHoursAndSkipsWeekendsAndHolidays() {
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.FUHYO, Map.of(), 1, ADULT, TUESDAY_10));
    assertRefused(Code.CLOSED_HOURS, decide(CertificateType.FUHYO, Map.of(), 1, ADULT, TUESDAY_10.withHour(17)));
    assertRefused(Code.WEEKDAYS_ONLY, decide(CertificateType.FUHYO, Map.of(), 1, ADULT, TUESDAY_10.minusDays(3))); // Saturday
    assertRefused(Code.WEEKDAYS_ONLY, decide(CertificateType.FUHYO, Map.of(), 1, ADULT, TUESDAY_10.minusDays(1))); // holiday
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, ADULT, TUESDAY_10.minusDays(3)));
  }

  @Test
  void theCalendarRulesAloneAnswerBeforeTheCardWithTheFeePerCopy() {
    assertRefused(Code.WEEKDAYS_ONLY, rules.openNow(CertificateType.FUHYO, TUESDAY_10.minusDays(3)));
    assertRefused(Code.CLOSED_DAY, rules.openNow(CertificateType.JUMINHYO, TUESDAY_10.plusDays(2)));
    assertEquals(new RuleDecision.Allowed(250), rules.openNow(CertificateType.JUMINHYO, TUESDAY_10));
  }

  @Test
  void ageLimitCountsBirthdays() {
    Resident fifteenTomorrow = resident(LocalDate.of(2011, 11, 25), "", true, Resident.Status.CURRENT);
    assertRefused(Code.TOO_YOUNG, decide(CertificateType.JUMINHYO, Map.of(), 1, fifteenTomorrow, TUESDAY_10));
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.JUMINHYO, Map.of(), 1, fifteenTomorrow, TUESDAY_10.plusDays(1)));
  }

  @Test
  void whoMayObtainWhat() {
    Resident noSealDomicileElsewhere = resident(LocalDate.of(1980, 1, 1), "", false, Resident.Status.CURRENT);
    assertRefused(Code.NO_SEAL_REGISTERED, decide(CertificateType.INKAN, Map.of(), 1, noSealDomicileElsewhere, TUESDAY_10));
    assertRefused(Code.DOMICILE_ELSEWHERE, decide(CertificateType.FUHYO, Map.of(), 1, noSealDomicileElsewhere, TUESDAY_10));
    assertRefused(Code.NOT_A_CURRENT_RESIDENT, decide(CertificateType.JUMINHYO, Map.of(), 1, resident(LocalDate.of(1980, 1, 1), "", true, Resident.Status.MOVED_OUT), TUESDAY_10));
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.INKAN, Map.of(), 1, ADULT, TUESDAY_10));
    Resident noImpression = new Resident("R1", "H1", "美濃", "花子", "ミノ", "ハナコ", LocalDate.of(1950, 4, 1), Resident.Sex.FEMALE, "岐阜県美濃市１番地", "世帯主", true, "", true, "S-100", Resident.Status.CURRENT);
    assertRefused(Code.NO_SEAL_REGISTERED, decide(CertificateType.INKAN, Map.of(), 1, noImpression, TUESDAY_10)); // 「印影と相違ない」 needs the 印影
  }

  @Test
  void incomeCertificateNeedsARecordForTheYear() {
    assertInstanceOf(RuleDecision.Allowed.class, decide(CertificateType.SHOTOKU, Map.of("fiscalYear", "2026"), 1, ADULT, TUESDAY_10));
    assertRefused(Code.NO_TAX_RECORD, decide(CertificateType.SHOTOKU, Map.of("fiscalYear", "2019"), 1, ADULT, TUESDAY_10));
    assertRefused(Code.BAD_OPTION, decide(CertificateType.SHOTOKU, Map.of(), 1, ADULT, TUESDAY_10));
  }

  @Test
  void copiesAndOptionsAreChecked() {
    assertRefused(Code.TOO_MANY_COPIES, decide(CertificateType.JUMINHYO, Map.of(), 11, ADULT, TUESDAY_10));
    assertRefused(Code.TOO_MANY_COPIES, decide(CertificateType.JUMINHYO, Map.of(), 0, ADULT, TUESDAY_10));
    assertRefused(Code.BAD_OPTION, decide(CertificateType.JUMINHYO, Map.of("scope", "street"), 1, ADULT, TUESDAY_10));
    assertRefused(Code.BAD_OPTION, decide(CertificateType.JUMINHYO, Map.of("honseki", "maybe"), 1, ADULT, TUESDAY_10));
    assertRefused(Code.BAD_OPTION, decide(CertificateType.INKAN, Map.of("scope", "self"), 1, ADULT, TUESDAY_10));
  }

  @Test
  void aTypeLeftOutOfTheConfigurationIsNotIssued() {
    var only = new IssuanceRules(new IssuanceSettings(null, null, null, null, null, null, null, null, null, null, null, null, Map.of("juminhyo", new IssuanceSettings.CertificateRule(300, null, null, null, null, null))));
    assertRefused(Code.TYPE_UNAVAILABLE, only.decide(new IssuanceAsk(CertificateType.INKAN, Map.of(), 1), ADULT, TUESDAY_10, (r, y) -> true));
    assertEquals(new RuleDecision.Allowed(300), only.decide(new IssuanceAsk(CertificateType.JUMINHYO, Map.of(), 1), ADULT, TUESDAY_10, (r, y) -> true));
  }
}
