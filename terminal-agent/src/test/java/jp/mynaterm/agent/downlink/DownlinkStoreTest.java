package jp.mynaterm.agent.downlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.message.Alert;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.AllowListDelta;
import jp.mynaterm.protocol.message.AllowListSnapshot;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.message.Severity;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.message.StaffListSnapshot;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownlinkStoreTest {
  @TempDir Path dir;

  private DownlinkStore open() throws Exception {
    return DownlinkStore.open(dir.resolve("downlink.db"));
  }

  private static List<String> serials(DownlinkStore s) {
    try {
      return s.revokedSerials().stream().sorted().toList();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aChunkedSnapshotAppliesWhenComplete_deltasApplyInOrder_andAllSurvivesAReboot() throws Exception {
    try (DownlinkStore s = open()) {
      assertInstanceOf(Applied.ChunkStored.class, s.apply(new RevocationSnapshot(5, 1, 2, List.of("0a", "0b"))));
      assertEquals(List.of(), serials(s), "half a snapshot changes nothing");
      assertEquals(new Applied.Changed(ListName.REVOCATION.wire(), 5), s.apply(new RevocationSnapshot(5, 2, 2, List.of("0c"))));
      assertEquals(new Applied.Changed(ListName.REVOCATION.wire(), 6), s.apply(new RevocationDelta(5, 6, List.of("0d"), List.of("0a"))));
      assertEquals(new Applied.AlreadyHave(ListName.REVOCATION.wire(), 6), s.apply(new RevocationDelta(5, 6, List.of("0d"), List.of("0a"))));
      assertEquals(new Applied.Gap(ListName.REVOCATION.wire(), 6, 8), s.apply(new RevocationDelta(8, 9, List.of("ff"), List.of())));
    }
    try (DownlinkStore s = open()) {
      assertEquals(List.of("0b", "0c", "0d"), serials(s));
      assertEquals(Map.of(ListName.REVOCATION.wire(), 6L), s.versions());
    }
  }

  @Test
  void deltasPastTheOverlayMergeIntoTheListWhole_andAFileFromBeforeTheOverlayKeepsItsList() throws Exception {
    // A downlink file as written before the overlay: its list moves over on open.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("downlink.db"));
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE revoked (serial TEXT PRIMARY KEY)");
      st.execute("INSERT INTO revoked VALUES ('0a'), ('0b')");
      st.execute("CREATE TABLE list_version (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
      st.execute("INSERT INTO list_version VALUES ('revocation', 1)");
    }
    List<String> many = new ArrayList<>();
    for (int i = 0; i < DownlinkStore.MERGE_OVERLAY_AT; i++) many.add(String.format("1%07x", i));
    try (DownlinkStore s = open()) {
      assertEquals(List.of("0a", "0b"), serials(s));
      s.apply(new RevocationDelta(1, 2, List.of("0c"), List.of("0a")));
      assertEquals(List.of("0b", "0c"), serials(s), "the overlay counts before a merge");
      s.apply(new RevocationDelta(2, 3, many, List.of("0b")));
      s.apply(new RevocationDelta(3, 4, List.of("0a"), List.of()));
    }
    List<String> expected = new ArrayList<>(List.of("0a", "0c"));
    expected.addAll(many);
    try (DownlinkStore s = open()) {
      assertEquals(expected, serials(s), "merged and reopened: a removed entry stays out, one added again is in");
    }
  }

  @Test
  void allowListsAndAlertsAreKeptPerServiceAndUntilExpiry() throws Exception {
    CardId a = new CardId("AAAAAAAAAAAAAAAAAAAAAAAAAA");
    CardId b = new CardId("BBBBBBBBBBBBBBBBBBBBBBBBBB");
    List<String> changed = new ArrayList<>();
    try (DownlinkStore s = open()) {
      s.onChange(changed::add);
      s.apply(new AllowListSnapshot("taxi", 1, 1, 1, List.of(new AllowEntry(a, "m-1", "senior", MemberStatus.ACTIVE))));
      s.apply(new AllowListDelta("taxi", 1, 2, List.of(new AllowEntry(b, "m-2", "child", MemberStatus.ACTIVE)), List.of(a)));
      s.apply(new Alert("flood-1", Severity.EMERGENCY, Map.of("ja", "避難してください"), Instant.now().plusSeconds(3600)));
      s.apply(new Alert("old-1", Severity.INFO, Map.of("ja", "終了"), Instant.now().minusSeconds(1)));
      assertEquals(List.of("allow-taxi", "allow-taxi", "alert"), changed);
    }
    try (DownlinkStore s = open()) {
      assertEquals(List.of(b), s.allowEntries("taxi").stream().map(AllowEntry::cardId).toList());
      assertEquals(List.of(), s.allowEntries("library"));
      assertEquals(List.of("flood-1"), s.activeAlerts(Instant.now()).stream().map(Alert::alertId).toList());
      assertEquals(List.of(), s.activeAlerts(Instant.now().plusSeconds(7200)));
    }
  }

  @Test
  void aStaffListIsReplacedWholeByEachNewerVersionAndKeptForOfflineSignIn() throws Exception {
    String hash = "{bcrypt}$2a$12$0123456789012345678901uQ1dJ6sT1l8X8m2YF0y5mQ2g3Jr5aGe";
    String list = ListName.staff(StaffRole.LIBRARY).wire();
    try (DownlinkStore s = open()) {
      assertInstanceOf(Applied.ChunkStored.class, s.apply(new StaffListSnapshot("library", 3, 1, 2, List.of(new StaffEntry("a-1", List.of("library"), hash, false)))));
      assertEquals(java.util.Optional.empty(), s.staffAccount(StaffRole.LIBRARY, "a-1"), "half a list changes nothing");
      assertEquals(new Applied.Changed(list, 3), s.apply(new StaffListSnapshot("library", 3, 2, 2, List.of(new StaffEntry("b-1", List.of("administrator"), hash, false)))));
      assertEquals(new Applied.Changed(list, 5), s.apply(new StaffListSnapshot("library", 5, 1, 1, List.of(new StaffEntry("a-1", List.of("library"), "", true)))));
      assertEquals(new Applied.AlreadyHave(list, 5), s.apply(new StaffListSnapshot("library", 4, 1, 1, List.of(new StaffEntry("b-1", List.of("library"), hash, false)))));
    }
    try (DownlinkStore s = open()) {
      assertEquals(java.util.Optional.of(new StaffEntry("a-1", List.of("library"), "", true)), s.staffAccount(StaffRole.LIBRARY, "a-1"));
      assertEquals(java.util.Optional.empty(), s.staffAccount(StaffRole.LIBRARY, "b-1"), "the newer list no longer has it");
      assertEquals(java.util.Optional.empty(), s.staffAccount(StaffRole.HOSPITAL, "a-1"), "lists are per role");
      assertEquals(5L, s.versions().get(list));
    }
  }

  @Test
  void aTaxiManifestIsReplacedByNewerVersionsOnlyAndItsVersionGoesIntoTheListSync() throws Exception {
    var pickup = new jp.mynaterm.protocol.message.TaxiManifest.Pickup("B1", "R-1", 0, 1_800_000, "S001", "美濃市役所", "", 1, false);
    var v3 = new jp.mynaterm.protocol.message.TaxiManifest("taxi-1", 3, 4, "ride-if-room", 600, 900, List.of());
    var v2 = new jp.mynaterm.protocol.message.TaxiManifest("taxi-1", 2, 4, "ride-if-room", 600, 900, List.of(pickup));
    try (DownlinkStore s = open()) {
      assertInstanceOf(Applied.Changed.class, s.apply(v3));
      // v2 published before v3 but delivered after it (or resent from before an offline spell): ignored.
      assertInstanceOf(Applied.AlreadyHave.class, s.apply(v2));
      assertEquals(List.of(), s.taxiManifest().orElseThrow().pickups(), "the cancellation in v3 stands");
    }
    try (DownlinkStore s = open()) {
      assertEquals(3L, s.versions().get("manifest"), "after a restart the vehicle asks for what follows version 3");
    }
  }

  @Test
  void aServiceThatCannotBeAListNameIsNotAppliedAndNothingThrows() throws Exception {
    CardId a = new CardId("AAAAAAAAAAAAAAAAAAAAAAAAAA");
    try (DownlinkStore s = open()) {
      Applied r = s.apply(new AllowListDelta("Taxi/1", 0, 1, List.of(new AllowEntry(a, "m-1", "", MemberStatus.ACTIVE)), List.of()));
      assertInstanceOf(Applied.NotApplied.class, r);
      assertEquals(List.of(), s.allowEntries("Taxi/1"));
      assertEquals(Map.of(), s.versions());
    }
  }
}
