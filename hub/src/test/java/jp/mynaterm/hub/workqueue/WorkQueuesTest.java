package jp.mynaterm.hub.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.mynaterm.hub.audit.AuditLog;
import jp.mynaterm.hub.console.ConsoleRig;
import jp.mynaterm.hub.issuance.QueuedRequests;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.StatusRow;
import jp.mynaterm.hub.storage.TerminalRepository;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.IssueRequestQueued;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Console §5 as staff use it: each sees the queues of their work (a librarian never the kiosks'),
 * handling an item records who and when once, with an audit entry; the command line's path for a
 * kiosk's request is the console's.
 */
public class WorkQueuesTest {
  static ConsoleRig rig;
  private static final CardId CARD = new CardId("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

  @BeforeAll
  static void start() throws Exception {
    rig = ConsoleRig.shared();
    seed(rig);
  }

  /** A kiosk's failed refund and queued request, a library counter's refused offline loan (as the counters send it: a problem, no item or patron). */
  public static void seed(ConsoleRig rig) throws Exception {
    if (rig.db.first("SELECT 1 FROM events WHERE terminal = 'kiosk-1'", rs -> 1).isPresent()) return; // another class seeded the shared rig
    rig.db.commit(c -> new TerminalRepository(rig.db).saveStatuses(c,
        List.of(new StatusRow("kiosk-1", "birth", "kiosk", "{}"), new StatusRow("library-1", "birth", "library", "{}")), Instant.now()));
    store(rig, "kiosk-1", 1, new StaffAlert("refund-failed", "K7Q2-M9XD-4HRT", "pay-01", 250));
    store(rig, "kiosk-1", 2, new IssueRequestQueued("req-0a1b2c3d", "juminhyo", Map.of(), 1, CARD, "MIIB", "MIIC", "c2ln", "counter", "", 250));
    store(rig, "library-1", 1, new StaffAlert("offline-loan-refused", "loan-queue-1", "", 0));
  }

  private static void store(ConsoleRig rig, String terminal, long seq, UsageEvent event) throws Exception {
    var stamp = new Stamp(Instant.parse("2026-11-30T01:00:00Z").plusSeconds(seq), "boot-1", seq, true);
    new EventRepository(rig.db).store(List.of(new EventRow(terminal, new EventRecord(seq, String.format("01a20ffb-3d07-7000-8000-%012d", (terminal.startsWith("kiosk") ? 100 : 200) + seq), stamp, event))));
  }

  @Test
  void aLibrarianSeesTheLibrarysAlertsAndNeverTheKiosksMoney() throws Exception {
    var librarian = rig.browser();
    librarian.signIn("librarian", ConsoleRig.PASSWORD);
    assertEquals(403, librarian.get("/console/queues/kiosk-requests").statusCode(), "not the kiosk requests queue");
    var alerts = librarian.get("/console/queues/staff-alerts");
    assertEquals(200, alerts.statusCode());
    assertTrue(alerts.body().contains("offline-loan-refused"), "the library's alert, shown by its problem");
    assertFalse(alerts.body().contains("K7Q2-M9XD-4HRT") || alerts.body().contains("250 yen"), "never the kiosk's refund");
    String kioskAlert = "kiosk-1/legacy/1";
    librarian.post("/console/queues/staff-alerts/handle", Map.of("key", kioskAlert, "note", "not mine"));
    var handled = new WorkQueues(rig.db, rig.clock, null).find(WorkQueues.Kind.STAFF_ALERTS, kioskAlert).orElseThrow().handled();
    assertFalse(handled.map(h -> h.by().equals("librarian")).orElse(false), "nor can it handle it");
  }

  @Test
  void handlingARequestMarksWhoAndWhenOnceAndIsAudited() throws Exception {
    var kiosk = rig.browser();
    kiosk.signIn("kiosk", ConsoleRig.PASSWORD);
    assertTrue(kiosk.get("/console/queues/kiosk-requests").body().contains("req-0a1b2c3d"));
    var done = kiosk.post("/console/queues/kiosk-requests/handle", Map.of("key", "req-0a1b2c3d", "outcome", "fulfilled", "note", "handed over"));
    assertTrue(done.body().contains("kiosk（"), "the page says who handled it, and when");
    var outcome = QueuedRequests.from(rig.config, rig.db, rig.clock).find("req-0a1b2c3d").orElseThrow().outcome().orElseThrow();
    assertEquals(List.of(QueuedRequests.State.FULFILLED, "kiosk", "handed over"), List.of(outcome.state(), outcome.staff(), outcome.note()));
    AuditLog.Entry last = new AuditLog(rig.db, rig.clock).entries().getLast();
    assertEquals(List.of("kiosk", "request.fulfilled", "req-0a1b2c3d"), List.of(last.actor(), last.action(), last.subject()));

    var again = kiosk.post("/console/queues/kiosk-requests/handle", Map.of("key", "req-0a1b2c3d", "outcome", "void"));
    assertTrue(again.body().contains("すでに対応が記録されています"), "decided once");

    kiosk.post("/console/queues/staff-alerts/handle", Map.of("key", "kiosk-1/legacy/1", "note", "refunded in cash"));
    var alert = new WorkQueues(rig.db, rig.clock, null).find(WorkQueues.Kind.STAFF_ALERTS, "kiosk-1/legacy/1").orElseThrow().handled().orElseThrow();
    assertEquals(List.of("kiosk", "refunded in cash"), List.of(alert.by(), alert.note()));
    AuditLog.Entry handled = new AuditLog(rig.db, rig.clock).entries().getLast();
    assertEquals(List.of("kiosk", "queue.handled", "staff-alerts kiosk-1/legacy/1"), List.of(handled.actor(), handled.action(), handled.subject()));
  }
}
