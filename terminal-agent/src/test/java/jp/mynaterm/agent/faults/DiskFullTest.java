package jp.mynaterm.agent.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.outbox.Pending;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.time.TerminalClock;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The terminal's data directory on a small tmpfs fills up: the outbox refuses loudly, keeps what it said OK for, and recovers. */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void aFullDiskRefusesNewEventsCorruptsNothingAndRecoversWhenSpaceReturns() throws Exception {
    RealComponent.ROOT.require(RealComponent.isRoot(), "mounting a tmpfs needs root");
    Path data = Files.createDirectories(dir.resolve("data"));
    Shell.run("mount", "-t", "tmpfs", "-o", "size=256k", "mynaterm-diskfull", data.toString());
    List<String> order = new ArrayList<>();
    try {
      try (Outbox outbox = Outbox.open(data.resolve("outbox.db"), new OutboxSettings(1_000_000L, null))) {
        Appended last = null;
        int batch = 0;
        while (batch < 10_000 && (last = append(outbox, order, "a" + batch)) instanceof Appended.Committed) batch++;
        Appended.Refused refused = assertInstanceOf(Appended.Refused.class, last, "a full disk refuses the event instead of failing or dropping it");
        assertEquals("storage", refused.reason());
        assertTrue(batch > 0, "some events fit before the disk filled");
        // Still full: refused again, nothing half-written.
        assertInstanceOf(Appended.Refused.class, append(outbox, order, "b"));
        assertEquals(order, ids(outbox), "everything said OK for is there, in order, and nothing refused");

        Shell.run("mount", "-o", "remount,size=8m", data.toString());
        assertInstanceOf(Appended.Committed.class, append(outbox, order, "c"), "space is back: the same open outbox takes events again");
        assertEquals(order, ids(outbox));
      }
      try (Outbox reopened = Outbox.open(data.resolve("outbox.db"), new OutboxSettings(1_000_000L, null))) {
        assertNull(reopened.movedAside(), "the file was not corrupt");
        assertEquals(order, ids(reopened), "after reopening, every event said OK for, in order");
      }
      try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("outbox.db"));
          var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
        assertEquals("ok", rs.getString(1));
      }
    } finally {
      Shell.quietly("umount", "-l", data.toString());
    }
  }

  /** Appends ten rides in one transaction; on OK they join the expected order. */
  private static Appended append(Outbox outbox, List<String> order, String prefix) {
    List<UsageEvent> events = IntStream.range(0, 10).<UsageEvent>mapToObj(i -> Ledger.ride(prefix + "-" + i + "-" + "x".repeat(200))).toList();
    Appended result = outbox.appendAll(events, TerminalClock.system().now());
    if (result instanceof Appended.Committed) {
      events.forEach(e -> order.add(Ledger.id(e)));
    }
    return result;
  }

  private static List<String> ids(Outbox outbox) {
    return outbox.after(0, Integer.MAX_VALUE).stream().map(Pending::record).map(r -> Ledger.id(r.event())).toList();
  }
}
