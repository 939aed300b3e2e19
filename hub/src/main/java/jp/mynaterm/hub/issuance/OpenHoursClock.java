package jp.mynaterm.hub.issuance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import jp.mynaterm.config.IssuanceSettings;

/**
 * Clocks for tests and benchmarks that run the real issuance rules: the city's opening hours,
 * year-end closure and weekday-only types would make them fail at night or on a holiday. The
 * clock keeps ticking (an offset of the real one), so challenges still expire in real time.
 */
public final class OpenHoursClock {
  /** The hour every type is issued at by default (戸籍の附票 only 09:00-17:00). */
  public static final LocalTime MORNING = LocalTime.of(10, 0);
  /** Longer than any year-end closure plus weekends and a holiday run (Golden Week). */
  static final int MAX_DAYS_AHEAD = 21;
  private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");

  private OpenHoursClock() {}

  /**
   * {@code base} moved forward to the first 10:00 in Mino after now that falls on a Monday to Friday
   * outside the year-end closure, the holidays and the maintenance days of {@code settings}. Never
   * moves backwards; today counts if 10:00 is still ahead.
   *
   * @throws IllegalArgumentException if the settings close every day of the next three weeks
   */
  public static Clock weekdayMorning(Clock base, IssuanceSettings settings) {
    IssuanceRules rules = new IssuanceRules(settings);
    ZonedDateTime now = base.instant().atZone(CITY);
    LocalDate day = now.toLocalDate();
    if (!now.toLocalTime().isBefore(MORNING)) day = day.plusDays(1);
    for (int i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (rules.isFullServiceDay(day)) return Clock.offset(base, Duration.between(now, day.atTime(MORNING).atZone(CITY)));
    }
    throw new IllegalArgumentException("no weekday open for issuance within " + MAX_DAYS_AHEAD + " days of " + now.toLocalDate());
  }
}
