package jp.mynaterm.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.store.SqliteFile;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.Ack;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.Events;
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
  void committedEventsSurviveAReopenWithTheirSequencesAndEpoch() throws Exception {
    String epoch;
    try (Outbox o = open(100)) {
      epoch = o.epoch();
      assertEquals(new Appended.Committed(1), o.append(Rig.ride(1), clock.now()));
      assertEquals(new Appended.Committed(2), o.append(Rig.ride(2), clock.now()));
    }
    try (Outbox o = open(100)) {
      assertEquals(epoch, o.epoch());
      assertEquals(List.of(1L, 2L), o.after(0, 10).stream().map(Pending::seq).toList());
      assertEquals(new Appended.Committed(3), o.append(Rig.ride(3), clock.now()));
    }
  }

  @Test
  void eachNewOutboxHasItsOwnRandomEpochAndAFileFromBeforeEpochsKeepsTheLegacyOne() throws Exception {
    String first;
    try (Outbox o = open(100)) {
      first = o.epoch();
    }
    Files.delete(dir.resolve("outbox.db")); // a re-imaged terminal
    try (Outbox o = open(100)) {
      assertNotEquals(first, o.epoch(), "a new outbox is a new epoch");
      assertNotEquals(Events.LEGACY_EPOCH, o.epoch());
      assertEquals(new Appended.Committed(1), o.append(Rig.ride(1), clock.now()), "and starts again at 1");
    }
    Path old = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, created_ms INTEGER NOT NULL, record TEXT NOT NULL)");
      s.execute("CREATE TABLE counter (next_seq INTEGER NOT NULL)");
      s.execute("INSERT INTO counter VALUES (8)");
    }
    try (Outbox o = Outbox.open(old, new OutboxSettings(100L, 80))) {
      assertEquals(Events.LEGACY_EPOCH, o.epoch(), "its events may be at the hub already, under the legacy epoch");
      assertEquals(new Appended.Committed(8), o.append(Rig.ride(8), clock.now()));
    }
  }

  @Test
  void acknowledgedEventsLeaveRefusedOnesAreKeptAsideAndSequencesAreNeverReused() throws Exception {
    try (Outbox o = open(100)) {
      for (int i = 0; i < 5; i++) o.append(Rig.ride(i), clock.now());
      assertEquals(5, o.acknowledge(new Ack(o.epoch(), List.of(new SeqRange(1, 3), new SeqRange(5, 5)), List.of(new Rejected(4, Rejected.CONFLICT)))));
      assertEquals(0, o.depth());
      assertEquals(1, o.setAsideCount());
      assertEquals(new Appended.Committed(6), o.append(Rig.ride(6), clock.now()));
    }
  }

  @Test
  void anEventAfterAnAckStillCommitsWaitingForTheDisk() throws Exception {
    try (Outbox o = open(100)) {
      for (int i = 0; i < 3; i++) o.append(Rig.ride(i), clock.now());
      // An ack's deletes commit without waiting for the disk (a lost delete only resends); an event's commit must wait.
      assertEquals(2, o.acknowledge(new Ack(o.epoch(), List.of(new SeqRange(1, 2)), List.of())));
      int[] synchronous = {-1};
      o.append(Rig.ride(4), clock.now(), c -> {
        try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA synchronous")) {
          synchronous[0] = rs.getInt(1);
        }
      });
      assertEquals(2, synchronous[0], "synchronous=FULL (2) in the append's transaction");
      assertEquals(2, o.depth());
    }
  }

  @Test
  void anAckForAnotherEpochDeletesNothing() throws Exception {
    try (Outbox o = open(100)) {
      for (int i = 0; i < 3; i++) o.append(Rig.ride(i), clock.now());
      assertEquals(0, o.acknowledge(new Ack("another-outbox", List.of(new SeqRange(1, 3)), List.of(new Rejected(2, Rejected.CONFLICT)))));
      assertEquals(3, o.depth());
      assertEquals(0, o.setAsideCount());
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
  void unreadableOrChangedRowsAreSetAsideWithTheirReasonAndTheRestIsStillDelivered() throws Exception {
    try (Outbox o = open(100)) {
      for (int i = 1; i <= 5; i++) o.append(Rig.ride(i), clock.now());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
        Statement s = c.createStatement()) {
      s.execute("UPDATE outbox SET record = '{\"seq\":2,' WHERE seq = 2");
      // A row from before rows had a CRC is parsed instead: an unknown type is named.
      s.execute("UPDATE outbox SET record = replace(record, '\"RideBoarded\"', '\"RideTeleported\"'), crc = NULL WHERE seq = 3");
      // Still JSON, still a ride, a different fare: only the CRC tells.
      s.execute("UPDATE outbox SET record = replace(record, '\"fareYen\":', '\"fareYen\":9') WHERE seq = 4");
    }
    try (Outbox o = open(100)) {
      assertEquals(List.of(1L, 5L), o.after(0, 10).stream().map(Pending::seq).toList(), "the rows after a bad one still come");
      assertEquals(3, o.setAsideCount());
      assertEquals(2, o.depth());
      assertEquals(List.of(5L), o.after(1, 10).stream().map(Pending::seq).toList(), "and keep coming");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, reason FROM set_aside ORDER BY seq")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
      assertTrue(rs.getString(2).startsWith("unreadable: "), rs.getString(2));
      assertTrue(rs.next());
      assertTrue(rs.getString(2).contains("RideTeleported"), "names the unknown type: " + rs.getString(2));
      assertTrue(rs.next());
      assertEquals(4, rs.getLong(1));
      assertTrue(rs.getString(2).contains("CRC"), rs.getString(2));
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsSetAsideKeptAndReportedAndTheNewOneIsANewEpochFromOne() throws Exception {
    Path file = dir.resolve("outbox.db");
    Files.writeString(file, "this is not a database, but it may be evidence".repeat(200), StandardCharsets.UTF_8);
    try (Outbox o = open(100)) {
      assertNotNull(o.movedAside());
      assertTrue(Files.readString(o.movedAside(), StandardCharsets.UTF_8).startsWith("this is not a database"), "the old file is kept as it was");
      assertEquals(new Appended.Committed(1), o.append(Rig.ride(1), clock.now()), "no wall-clock bump: the new epoch keeps it apart");
      assertEquals(List.of(o.movedAside()), o.setAsideFiles(), "reported until recovered");
    }
    try (Outbox o = open(100)) {
      assertNull(o.movedAside(), "the new file opens normally");
      assertEquals(1, o.setAsideFiles().size());
    }
  }

  @Test
  void aDatabaseFailingQuickCheckIsSetAside() throws Exception {
    try (Outbox o = open(1000)) {
      for (int i = 0; i < 400; i++) o.append(Rig.ride(i), clock.now());
    }
    Path file = dir.resolve("outbox.db");
    // Overwrite a page in the middle of the events' b-tree: a file that opens, but whose content is broken.
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long pages = f.length() / 4096;
      f.seek(4096 * (pages / 2) + 8);
      f.write(new byte[2000]);
    }
    try (Outbox o = open(1000)) {
      assertNotNull(o.movedAside(), "set aside");
      assertEquals(0, o.depth());
    }
  }

  @Test
  void aBusyFileIsNeitherMovedNorReplacedTheOutboxRefusesToOpenWithOneLine() throws Exception {
    try (Outbox o = open(100)) {
      o.append(Rig.ride(1), clock.now());
    }
    Path file = dir.resolve("outbox.db");
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      s.execute("PRAGMA locking_mode=EXCLUSIVE");
      s.execute("BEGIN EXCLUSIVE");
      SqliteFile.Unavailable e = assertThrows(SqliteFile.Unavailable.class, () -> open(100));
      assertTrue(e.getMessage().contains("SQLITE_BUSY") && e.getMessage().contains(file.toString()), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      s.execute("ROLLBACK");
    }
    assertEquals(List.of(), SqliteFile.setAside(file), "nothing moved aside");
    try (Outbox o = open(100)) {
      assertEquals(1, o.depth(), "the event is still there");
    }
  }

  @Test
  void aFileThatCannotBeOpenedIsNotMovedAside() throws Exception {
    Path file = dir.resolve("outbox.db");
    Files.createDirectories(file); // what SQLite sees as "cannot open", like a missing permission
    SqliteFile.Unavailable e = assertThrows(SqliteFile.Unavailable.class, () -> open(100));
    assertTrue(e.getMessage().contains("SQLITE_CANTOPEN"), e.getMessage());
    assertTrue(Files.isDirectory(file));
    assertEquals(List.of(), SqliteFile.setAside(file));
  }

  @Test
  void aSetAsideFileIsSalvagedUnderItsOwnEpochAndSequences() throws Exception {
    String epoch;
    try (Outbox o = open(100)) {
      epoch = o.epoch();
      for (int i = 1; i <= 5; i++) o.append(Rig.ride(i), clock.now());
      o.acknowledge(new Ack(epoch, List.of(new SeqRange(1, 2)), List.of()));
    }
    Path aside = dir.resolve("outbox.db.broken-20261201-000000");
    Files.move(dir.resolve("outbox.db"), aside);
    try (Outbox o = Outbox.salvage(aside, dir.resolve("recovering"), new OutboxSettings(100L, 80))) {
      assertEquals(epoch, o.epoch());
      List<EventRecord> records = o.after(0, 10).stream().map(Pending::record).toList();
      assertEquals(List.of(3L, 4L, 5L), records.stream().map(EventRecord::seq).toList());
      assertTrue(records.stream().allMatch(r -> r.id() != null));
    }
    assertTrue(Files.exists(aside), "the set-aside file is only read");
    assertEquals(List.of(aside), SqliteFile.setAside(dir.resolve("outbox.db")));
  }

  @Test
  void eventsCarryAnIdThatStaysTheSameOnEveryRead() throws Exception {
    try (Outbox o = open(100)) {
      o.append(Rig.ride(1), clock.now());
      String id = o.after(0, 1).getFirst().record().id();
      assertNotNull(id);
      assertEquals(id, o.after(0, 1).getFirst().record().id());
      assertTrue(MessageCodec.write(o.after(0, 1).getFirst().record()).contains(id));
    }
  }
}
