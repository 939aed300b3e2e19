package jp.mynaterm.agent.hospital;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.agent.members.MemberIndex;
import jp.mynaterm.hardware.escpos.PaperStatus;
import jp.mynaterm.hardware.escpos.Slip;
import jp.mynaterm.hardware.escpos.SlipPrinter;
import jp.mynaterm.hardware.escpos.SlipText;
import jp.mynaterm.hardware.print.PrintOutcome;
import jp.mynaterm.hardware.print.PrintProblem;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.event.HospitalCheckIn;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.TapRefused;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceptionTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  @TempDir Path dir;
  private final List<UsageEvent> events = new ArrayList<>();
  private final List<Slip> slips = new ArrayList<>();
  private boolean paperOut;

  private final SlipPrinter printer =
      new SlipPrinter() {
        public PrintOutcome print(Slip slip) {
          if (paperOut) return new PrintOutcome.Failed(PrintProblem.PAPER_OUT, "paper out");
          slips.add(slip);
          return new PrintOutcome.Printed("test");
        }

        public PaperStatus paper() {
          return paperOut ? PaperStatus.OUT : PaperStatus.OK;
        }

        public String describe() {
          return "test";
        }
      };

  private static CardId card(long serial) {
    return CardIds.development().derive(new X500Principal("CN=Test CA"), BigInteger.valueOf(serial));
  }

  private Reception reception(Instant at) {
    MemberIndex patients = new MemberIndex();
    patients.replace(List.of(new AllowEntry(card(1), "H-000123", "", MemberStatus.ACTIVE), new AllowEntry(card(2), "H-000456", "", MemberStatus.SUSPENDED),
        new AllowEntry(card(3), "H-000789", "", MemberStatus.ACTIVE), new AllowEntry(card(4), "H-000790", "", MemberStatus.ACTIVE)), 1);
    return new Reception("美濃病院", patients, events::add, printer, new QueueNumbers(dir.resolve("queue.json")), Clock.fixed(at, ZoneOffset.UTC), JST);
  }

  @Test
  void aPatientChecksInAndGetsASlipWithAQueueNumberButNoName() {
    var r = reception(Instant.parse("2026-11-24T00:15:00Z"));
    var out = assertInstanceOf(Reception.Outcome.CheckedIn.class, r.checkIn(card(1)));
    assertEquals(1, out.queueNumber());
    assertEquals(Optional.empty(), out.slipProblem());
    assertEquals(List.of(new HospitalCheckIn()), events, "a visit for the hub: no card, patient or queue number");
    String text = new SlipText(jp.mynaterm.hardware.escpos.PaperWidth.values()[jp.mynaterm.hardware.escpos.PaperWidth.values().length - 1]).render(slips.get(0));
    assertTrue(text.contains("001") && text.contains("美濃病院"), text);
    assertFalse(text.contains("H-000123"), "the slip carries no patient number");
  }

  @Test
  void numbersCountUpSurviveARestartAndStartAgainTheNextDay() {
    var morning = Instant.parse("2026-11-24T00:15:00Z");
    reception(morning).checkIn(card(1));
    reception(morning).checkIn(card(3)); // a new Reception: the terminal restarted
    var third = (Reception.Outcome.CheckedIn) reception(morning).checkIn(card(4));
    assertEquals(3, third.queueNumber());
    var nextDay = (Reception.Outcome.CheckedIn) reception(Instant.parse("2026-11-25T00:15:00Z")).checkIn(card(1));
    assertEquals(1, nextDay.queueNumber());
  }

  @Test
  void theSameCardTheSameDayGetsItsNumberAgainAsAReprintAndIsOneVisit() {
    var morning = Instant.parse("2026-11-24T00:15:00Z");
    var first = (Reception.Outcome.CheckedIn) reception(morning).checkIn(card(1));
    reception(morning).checkIn(card(3));
    var again = (Reception.Outcome.CheckedIn) reception(morning.plusSeconds(3600)).checkIn(card(1)); // after a restart too
    assertEquals(first.queueNumber(), again.queueNumber());
    assertTrue(again.reprint());
    assertEquals(3, slips.size(), "the reprint prints the slip again");
    assertEquals(2, events.stream().filter(HospitalCheckIn.class::isInstance).count(), "two patients, two visits");
  }

  @Test
  void anUnknownOrSuspendedCardIsSentToTheCounterAndRecorded() {
    var r = reception(Instant.parse("2026-11-24T00:15:00Z"));
    assertEquals(new Reception.Outcome.GoToCounter(RefusalReason.UNKNOWN), r.checkIn(card(9)));
    assertEquals(new Reception.Outcome.GoToCounter(RefusalReason.SUSPENDED), r.checkIn(card(2)));
    assertEquals(List.of(RefusalReason.UNKNOWN, RefusalReason.SUSPENDED), events.stream().map(e -> ((TapRefused) e).reason()).toList());
    assertTrue(slips.isEmpty());
  }

  @Test
  void aSlipPrinterWithoutPaperDoesNotUndoTheCheckIn() {
    paperOut = true;
    var out = assertInstanceOf(Reception.Outcome.CheckedIn.class, reception(Instant.parse("2026-11-24T00:15:00Z")).checkIn(card(1)));
    assertTrue(out.slipProblem().isPresent());
    assertInstanceOf(HospitalCheckIn.class, events.get(0));
  }
}
