package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.IssuanceSettings;
import org.junit.jupiter.api.Test;

class OpenHoursClockTest {
  private static final ZoneId MINO = ZoneId.of("Asia/Tokyo");
  /** 2026-11-23 (Mon) is 勤労感謝の日; 2026-11-25 (Wed) a maintenance day. */
  private static final IssuanceSettings SETTINGS =
      new IssuanceSettings(null, null, null, null, null, null, null, null, List.of("2026-11-23"), List.of("2026-11-25"), null);

  private static LocalDateTime movedFrom(LocalDateTime minoTime, IssuanceSettings settings) {
    Clock base = Clock.fixed(minoTime.atZone(MINO).toInstant(), ZoneOffset.UTC);
    Clock moved = OpenHoursClock.weekdayMorning(base, settings);
    assertTrue(!moved.instant().isBefore(base.instant()), "never backwards");
    return LocalDateTime.ofInstant(moved.instant(), MINO);
  }

  @Test
  void saturdayNightMovesToMondayMorning() {
    assertEquals(LocalDateTime.of(2026, 11, 16, 10, 0), movedFrom(LocalDateTime.of(2026, 11, 14, 23, 30), IssuanceSettings.DEFAULT));
  }

  @Test
  void holidaysAndMaintenanceDaysAreSkipped() {
    // Sunday → Monday is a holiday → Tuesday.
    assertEquals(LocalDateTime.of(2026, 11, 24, 10, 0), movedFrom(LocalDateTime.of(2026, 11, 22, 12, 0), SETTINGS));
    // Tuesday afternoon → Wednesday is maintenance → Thursday.
    assertEquals(LocalDateTime.of(2026, 11, 26, 10, 0), movedFrom(LocalDateTime.of(2026, 11, 24, 15, 0), SETTINGS));
  }

  @Test
  void theYearEndClosureIsSkipped() {
    // 2026-12-28 (Mon) after 10:00 → 29 Dec to 3 Jan closed → Monday 4 January 2027.
    assertEquals(LocalDateTime.of(2027, 1, 4, 10, 0), movedFrom(LocalDateTime.of(2026, 12, 28, 11, 0), SETTINGS));
  }

  @Test
  void anEarlyWeekdayMorningStaysOnTheSameDay() {
    assertEquals(LocalDateTime.of(2026, 11, 24, 10, 0), movedFrom(LocalDateTime.of(2026, 11, 24, 3, 0), SETTINGS));
  }

  @Test
  void theRulesAcceptTheMovedSystemClockForEveryType() {
    Clock moved = OpenHoursClock.weekdayMorning(Clock.systemUTC(), IssuanceSettings.DEFAULT);
    Resident adult = new Resident("R1", "H1", "美濃", "花子", "ミノ", "ハナコ", LocalDate.of(1985, 4, 12), Resident.Sex.FEMALE, "岐阜県美濃市", "世帯主", true, "岐阜県美濃市", true, "1", Resident.Status.CURRENT);
    var fuhyo = new IssuanceAsk(CertificateType.FUHYO, Map.of(), 1);
    ZonedDateTime now = moved.instant().atZone(MINO);
    assertInstanceOf(RuleDecision.Allowed.class, new IssuanceRules(IssuanceSettings.DEFAULT).decide(fuhyo, adult, now, (r, y) -> false), "the weekday-only type is open then");
  }

  @Test
  void settingsThatNeverOpenAreSaidPlainly() {
    var closedAllYear = new IssuanceSettings(null, null, null, null, null, null, "01-01", "12-31", null, null, null);
    assertThrows(IllegalArgumentException.class, () -> OpenHoursClock.weekdayMorning(Clock.systemUTC(), closedAllYear));
  }
}
