package jp.mynaterm.config;

import java.time.Duration;

/**
 * How long the hub keeps what names a card (CardIds with what they did). Past it, the hub deletes it.
 * The defaults keep a year and a month of usage (a month compares with the same month a year before)
 * and link records a year past the longest certificate (5 years), after which no link can still stand.
 *
 * @param events usage records: rides, refusals, kiosk issues and payments, counts from the counters
 * @param links card links and unlinks (registrations); they also replay a service's registry in order
 * @param notices staff notices about links (a card changing hands, a renewed card)
 * @param taxiBookings demand-taxi bookings (a pick-up address, a rider number), counted from their window's end
 * @param taxiCharges demand-taxi rides and refunds charged to riders' accounts: what the city's accounting
 *     needs (the export, statements); six years by default, the five closed fiscal years and the open one
 */
public record RetentionSettings(Duration events, Duration links, Duration notices, Duration taxiBookings, Duration taxiCharges) {
  public static final RetentionSettings DEFAULT = new RetentionSettings(null, null, null);

  /** The usage, link and notice limits; the taxi's at their defaults. */
  public RetentionSettings(Duration events, Duration links, Duration notices) {
    this(events, links, notices, null, null);
  }

  public RetentionSettings {
    events = Check.positive("retention.events", Check.orDefault(events, Duration.ofDays(400)));
    links = Check.positive("retention.links", Check.orDefault(links, Duration.ofDays(6 * 366)));
    notices = Check.positive("retention.notices", Check.orDefault(notices, Duration.ofDays(400)));
    taxiBookings = Check.positive("retention.taxiBookings", Check.orDefault(taxiBookings, Duration.ofDays(400)));
    taxiCharges = Check.positive("retention.taxiCharges", Check.orDefault(taxiCharges, Duration.ofDays(6 * 366)));
  }
}
