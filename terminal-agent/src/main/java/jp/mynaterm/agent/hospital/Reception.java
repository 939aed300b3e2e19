package jp.mynaterm.agent.hospital;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.agent.usage.UsageRecorder;
import jp.mynaterm.hardware.escpos.Align;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.escpos.SlipPrinter;
import jp.mynaterm.hardware.escpos.TextSize;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hospital reception with the card as patient card: once the holder is authenticated (card + PIN,
 * signed challenge verified locally), the card's patient number gives a check-in and a reception
 * slip with a queue number; the same card again on the same day gets the same number (a reprint). The
 * hub is told only that a visit happened ({@link HospitalCheckIn}). The check-in is recorded before the slip prints; a slip printer out of
 * paper does not undo it (staff write the number). A card that is not a patient card, or a suspended
 * one, is sent to the counter. The slip carries no name and no patient number: only the queue number.
 */
public final class Reception {
  private static final Logger log = LoggerFactory.getLogger(Reception.class);
  public static final String SERVICE = "hospital";

  public sealed interface Outcome {
    /**
     * @param reprint the card had checked in already today: the same number again, no second visit
     * @param slipProblem empty when the slip printed; else what to tell the patient and staff
     */
    record CheckedIn(int queueNumber, String patient, boolean reprint, Optional<String> slipProblem) implements Outcome {}

    /** @param reason {@link RefusalReason#UNKNOWN} (not a patient card here) or {@link RefusalReason#SUSPENDED} */
    record GoToCounter(RefusalReason reason) implements Outcome {}

    record Fault(String reason) implements Outcome {}
  }

  private final String hospitalName;
  private final MemberIndex patients;
  private final UsageRecorder recorder;
  private final SlipPrinter printer;
  private final QueueNumbers numbers;
  private final Clock clock;
  private final ZoneId zone;

  public Reception(String hospitalName, MemberIndex patients, UsageRecorder recorder, SlipPrinter printer, QueueNumbers numbers, Clock clock, ZoneId zone) {
    this.hospitalName = hospitalName;
    this.patients = patients;
    this.recorder = recorder;
    this.printer = printer;
    this.numbers = numbers;
    this.clock = clock;
    this.zone = zone;
  }

  /** @param card a card whose holder has just been authenticated with the PIN */
  public synchronized Outcome checkIn(CardId card) {
    Optional<AllowEntry> patient = patients.find(card);
    if (patient.isEmpty() || patient.get().status() == MemberStatus.SUSPENDED) {
      RefusalReason reason = patient.isEmpty() ? RefusalReason.UNKNOWN : RefusalReason.SUSPENDED;
      try {
        recorder.record(new TapRefused(SERVICE, card, "reception", reason));
      } catch (UsageRecorder.RecorderFull e) {
        log.warn("refusal not recorded: outbox full");
      }
      return new Outcome.GoToCounter(reason);
    }
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
    QueueNumbers.Number given;
    try {
      given = numbers.numberFor(now.toLocalDate(), card);
      // One visit a day per card for the KPI: a reprint is not sent again.
      if (!given.reprint()) recorder.record(new HospitalCheckIn());
    } catch (IOException | UsageRecorder.RecorderFull e) {
      log.error("check-in not recorded: {}", e.getMessage());
      return new Outcome.Fault("not recorded");
    }
    int number = given.value();
    PrintOutcome printed = printer.print(slip(number, now));
    Optional<String> problem =
        printed instanceof PrintOutcome.Failed f ? Optional.of(f.explanation()) : Optional.empty();
    problem.ifPresent(p -> log.warn("reception slip {} not printed: {}", number, p));
    return new Outcome.CheckedIn(number, patient.get().member(), given.reprint(), problem);
  }

  Slip slip(int number, LocalDateTime at) {
    String n = String.format("%03d", number);
    return Slip.builder("受付票-" + n)
        .text(hospitalName, TextSize.WIDE, true, Align.CENTER)
        .text("受付票", TextSize.TALL, false, Align.CENTER)
        .rule()
        .text("受付番号", TextSize.NORMAL, false, Align.CENTER)
        .text(n, TextSize.DOUBLE, true, Align.CENTER)
        .rule()
        .text("受付日時：" + DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(at))
        .feed(1)
        .text("番号でお呼びします。待合室でお待ちください。")
        .feed(2)
        .cut()
        .build();
  }
}
