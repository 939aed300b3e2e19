package jp.mynaterm.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.message.Rejected;
import jp.mynaterm.protocol.message.SeqRange;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;
  private final TerminalClock clock = TerminalClock.system();

  private Outbox open(long max) throws Exception {
    return Outbox.open(dir.resolve("outbox.db"), new OutboxSettings(max, 80));
  }

  @Test
  void committedEventsSurviveAReopenWithTheirSequences() throws Exception {
    try (Outbox o = open(100)) {
      assertEquals(new Appended.Committed(1), o.append(Rig.ride(1), clock.now()));
      assertEquals(new Appended.Committed(2), o.append(Rig.ride(2), clock.now()));
    }
    try (Outbox o = open(100)) {
      assertEquals(List.of(1L, 2L), o.after(0, 10).stream().map(Pending::seq).toList());
      assertEquals(new Appended.Committed(3), o.append(Rig.ride(3), clock.now()));
    }
  }

  @Test
  void acknowledgedEventsLeaveRefusedOnesAreKeptAsideAndSequencesAreNeverReused() throws Exception {
    try (Outbox o = open(100)) {
      for (int i = 0; i < 5; i++) o.append(Rig.ride(i), clock.now());
      assertEquals(5, o.acknowledge(List.of(new SeqRange(1, 3), new SeqRange(5, 5)), List.of(new Rejected(4, "invalid-event"))));
      assertEquals(0, o.depth());
      assertEquals(1, o.setAsideCount());
      assertEquals(new Appended.Committed(6), o.append(Rig.ride(6), clock.now()));
    }
  }

  @Test
  void aFullOutboxRefusesNewEventsAndKeepsTheOldOnes() throws Exception {
    try (Outbox o = open(10)) {
      for (int i = 0; i < 10; i++) assertInstanceOf(Appended.Committed.class, o.append(Rig.ride(i), clock.now()));
      Appended refused = o.append(Rig.ride(11), clock.now());
      assertEquals("full", assertInstanceOf(Appended.Refused.class, refused).reason());
      assertEquals(10, o.depth());
      assertEquals(1L, o.after(0, 1).get(0).seq(), "the oldest event is still there");
      assertEquals(100, o.fillPercent());
    }
  }

  @Test
  void anUnreadableFileIsMovedAsideAndKeptAndTheNewOneNeverRepeatsASequence() throws Exception {
    Path file = dir.resolve("outbox.db");
    Files.writeString(file, "this is not a database, but it may be evidence".repeat(200), StandardCharsets.UTF_8);
    try (Outbox o = open(100)) {
      assertNotNull(o.movedAside());
      assertTrue(Files.readString(o.movedAside(), StandardCharsets.UTF_8).startsWith("this is not a database"), "the old file is kept as it was");
      Appended first = o.append(Rig.ride(1), clock.now());
      assertTrue(((Appended.Committed) first).seq() > 1_000_000_000L, "continues far above any sequence the lost file could hold: " + first);
    }
    try (Outbox o = open(100)) {
      assertNull(o.movedAside(), "the new file opens normally");
    }
  }
}
