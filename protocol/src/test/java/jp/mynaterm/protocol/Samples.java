package jp.mynaterm.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.event.*;
import jp.mynaterm.protocol.message.*;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.protocol.time.TerminalClock;

/** One filled-in instance of every message body, event, request and response, for round trips. */
public final class Samples {
  public static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123Z");
  public static final CardId CARD =
      CardIds.development().derive(new X500Principal("CN=Test User Auth CA, O=mynaterm test, C=JP"), BigInteger.valueOf(4242));
  public static final Stamp STAMP = new Stamp(T0, "3b1f0c7e-boot", 812_345, true);

  private Samples() {}

  public static MessageFactory factory(String terminal) {
    return new MessageFactory("212075", terminal, TerminalClock.of(Clock.fixed(T0, ZoneOffset.UTC), "3b1f0c7e-boot", true));
  }

  public static List<UsageEvent> events() {
    return List.of(
        new CardLinked("taxi", CARD, "R-0042", "senior", T0.plusSeconds(86_400L * 365 * 4)),
        new CardUnlinked("library", CARD, "P-7781", "renewed"),
        new RideBoarded(CARD, "noriai-1", "shift-20261124-1", "senior", 300, new Location(35.5447, 136.9075, 200.0, "S012"), false),
        new RideAlighted(CARD, "noriai-1", "shift-20261124-1", null),
        new TapRefused("taxi", null, "noriai-1", RefusalReason.UNREADABLE),
        new ShiftOpened("noriai-1", "shift-20261124-1"),
        new ShiftClosed("noriai-1", "shift-20261124-1", 3, Map.of("senior", 2, "child", 1), Map.of("senior", 600, "child", 150)),
        new LibraryLoan(true, false),
        new LibraryReturn(false, true),
        new HospitalCheckIn(),
        new CertificateIssued("juminhyo", "K7Q2-M9XD-4HRT", 1, 250, "pay-01", "ab".repeat(32)),
        new PaymentTaken("pay-01", 250, "paypay", "juminhyo"),
        new PaymentRefunded("pay-01", 250, "print-failed"),
        new CertificateVoided("juminhyo", "K7Q2-M9XD-4HRT", "pay-01", "print-failed"),
        new StaffAlert("refund-failed", "K7Q2-M9XD-4HRT", "pay-01", 250),
        new AlertAcknowledged("alert-1", AlertAcknowledged.Stage.SHOWN),
        new IssueRequestQueued("req-01", "juminhyo", Map.of("household", "self"), 1, CARD, "MIIB", "MIIC", "c2ln", "post", "0575331122", 410));
  }

  public static List<RequestBody> requests() {
    return List.of(
        new RequestBody.Challenge("issuance"),
        new RequestBody.ListSync(Map.of("allow-taxi", 12L, "revocation", 3L)),
        new RequestBody.Issuance("juminhyo", Map.of("scope", "household", "honseki", "no"), 2, "MIIB", "MIIC", "Y2hhbA==", "c2ln"));
  }

  public static List<ResponseBody> responses() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("title", "住民票の写し").put("entries", 2);
    return List.of(
        new ResponseBody.ChallengeIssued("Y2hhbA==", T0.plusSeconds(120)),
        new ResponseBody.ListSyncStarted(Map.of("allow-taxi", 14L)),
        new ResponseBody.IssuanceGranted(doc, 250, "cd".repeat(32), "c2ln", "K7Q2-M9XD-4HRT"),
        new ResponseBody.Refused("closed", "outside opening hours"));
  }

  /** Every kind of body, with every event, request and response inside one of them. */
  public static List<Body> bodies() {
    var allow = new AllowEntry(CARD, "R-0042", "senior", MemberStatus.ACTIVE);
    var bodies = new java.util.ArrayList<Body>();
    long seq = 1;
    var records = new java.util.ArrayList<EventRecord>();
    for (UsageEvent e : events()) records.add(new EventRecord(seq, "01a20ffb-3d07-7000-8000-" + String.format("%012d", seq++), STAMP, e));
    bodies.add(new Events("5f0c2a9e-7d4b-4e1a-9c3f-2b8d6e4a1f70", records));
    bodies.add(new Ack("5f0c2a9e-7d4b-4e1a-9c3f-2b8d6e4a1f70", List.of(new SeqRange(1, 5), new SeqRange(7, 7)), List.of(new Rejected(6, "invalid-value"))));
    bodies.add(new Birth("0.1.0", "taxi", Map.of("allow-taxi", 12L)));
    bodies.add(new LastWill("connection-lost"));
    bodies.add(new Heartbeat("0.1.0", 12, 30_000, 8_000_000_000L, false, Map.of("printer", "paper-out", "lights", "ok"), Map.of("revocation", 3L), Map.of("revocation", 3_600_000L), 1L, List.of("outbox.db.broken-20261124-081500")));
    bodies.add(new ConfigPush(4, JsonNodeFactory.instance.objectNode().put("heartbeat", "30s")));
    bodies.add(new AllowListSnapshot("taxi", 12, 1, 2, List.of(allow)));
    bodies.add(new AllowListDelta("taxi", 12, 13, List.of(allow), List.of(CARD)));
    bodies.add(new RevocationSnapshot(3, 1, 1, List.of("3f9a0c1b2d4e5f60/1092", "3f9a0c1b2d4e5f60/7f3a")));
    bodies.add(new RevocationDelta(3, 4, List.of("3f9a0c1b2d4e5f60/abcd"), List.of("3f9a0c1b2d4e5f60/1092")));
    bodies.add(new StaffListSnapshot("library", 7, 1, 1, List.of(
        new StaffEntry("librarian-1", List.of("library"), "{bcrypt}$2a$12$0123456789012345678901uQ1dJ6sT1l8X8m2YF0y5mQ2g3Jr5aGe", false),
        new StaffEntry("librarian-2", List.of("library"), "", true))));
    bodies.add(new Alert("alert-1", Severity.EMERGENCY, Map.of("ja", "避難してください", "en", "Please evacuate"), T0.plusSeconds(3600)));
    bodies.add(new Alert("alert-2", Severity.WARNING, Map.of("ja", "大雪", "ja-easy", "ゆきが たくさん", "en", "Heavy snow"), T0.plusSeconds(3600),
        new AlertTargets(false, List.of("kiosk"), List.of("taxi-1")), AlertPriority.HIGH));
    bodies.add(new AlertWithdrawn("alert-2"));
    bodies.add(new TaxiManifest("taxi-1", 5, 8, "ride-if-room", 600, 900, List.of(
        new TaxiManifest.Pickup("bk-1", "R-0001", T0.toEpochMilli(), T0.plusSeconds(1800).toEpochMilli(), "mino-station", "美濃市駅", "", 1, false),
        new TaxiManifest.Pickup("bk-2", "R-0002", T0.toEpochMilli(), T0.plusSeconds(1800).toEpochMilli(), "", "", "美濃市泉町1番地", 2, true))));
    for (RequestBody r : requests()) bodies.add(new Request("corr-" + bodies.size(), T0.plusSeconds(10), r));
    for (ResponseBody r : responses()) bodies.add(new Response("corr-" + bodies.size(), r));
    return bodies;
  }
}
