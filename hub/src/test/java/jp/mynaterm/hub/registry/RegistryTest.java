package jp.mynaterm.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link events from counters become registry entries and allow-list versions, each exactly once. */
class RegistryTest {
  private static final CardId OLD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
  private static final CardId NEW = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.TWO);
  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;
  private Database db;
  private ListRepository lists;
  private Registry registry;
  private long seq;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    lists = new ListRepository(db);
    var downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    registry = new Registry(db, downlink);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void arrive(UsageEvent e) throws Exception {
    var record = new EventRecord(++seq, new Stamp(Instant.now(), "boot", seq, true), e);
    new EventRepository(db).store(List.of(new EventRow("library-1", record)));
  }

  @Test
  void aLinkBecomesAnAllowEntryOnceAndAVersionOfTheList() throws Exception {
    arrive(new CardLinked("taxi", OLD, "R-1", "senior", EXPIRES));
    assertEquals(1, registry.applyPending());
    assertEquals(0, registry.applyPending(), "applied exactly once");
    assertEquals(Optional.of(new AllowEntry(OLD, "R-1", "senior", MemberStatus.ACTIVE)), lists.allowEntry("taxi", OLD));
    assertEquals(1, lists.version(ListName.allow("taxi").wire()));
  }

  @Test
  void aRenewedCardReplacesTheOldInOrderAndStaffSeeIt() throws Exception {
    arrive(new CardLinked("taxi", OLD, "R-1", "senior", EXPIRES));
    arrive(new CardLinked("taxi", NEW, "R-1", "senior", EXPIRES));
    assertEquals(2, registry.applyPending());
    assertEquals(List.of(new AllowEntry(NEW, "R-1", "senior", MemberStatus.ACTIVE)), lists.allowEntries("taxi"));
    assertEquals(Optional.of(new AllowEntry(NEW, "R-1", "senior", MemberStatus.ACTIVE)), lists.allowEntryOfMember("taxi", "R-1"));
    assertEquals(1, registry.notices(10).size());
    assertTrue(registry.notices(10).get(0).contains("R-1"));
  }

  @Test
  void aRepeatedLinkMakesNoNewVersionAndAnUnlinkRemoves() throws Exception {
    arrive(new CardLinked("library", OLD, "P-7", "", EXPIRES));
    arrive(new CardLinked("library", OLD, "P-7", "", EXPIRES));
    registry.applyPending();
    assertEquals(1, lists.version(ListName.allow("library").wire()));
    arrive(new CardUnlinked("library", OLD, "P-7", "requested"));
    registry.applyPending();
    assertEquals(List.of(), lists.allowEntries("library"));
    assertEquals(2, lists.version(ListName.allow("library").wire()));
  }

  @Test
  void servicesAreSeparate() throws Exception {
    arrive(new CardLinked("taxi", OLD, "R-1", "child", EXPIRES));
    arrive(new CardLinked("hospital", OLD, "H-9", "", EXPIRES));
    registry.applyPending();
    assertEquals("R-1", lists.allowEntry("taxi", OLD).orElseThrow().member());
    assertEquals("H-9", lists.allowEntry("hospital", OLD).orElseThrow().member());
  }

  @Test
  void aSuspendedMemberTravelsAsADeltaAndCanBeReinstated() throws Exception {
    arrive(new CardLinked("taxi", OLD, "R-1", "senior", EXPIRES));
    registry.applyPending();
    assertTrue(registry.setStatus("taxi", "R-1", MemberStatus.SUSPENDED));
    assertEquals(MemberStatus.SUSPENDED, lists.allowEntry("taxi", OLD).orElseThrow().status());
    assertEquals(2, lists.version(ListName.allow("taxi").wire()));
    assertTrue(registry.setStatus("taxi", "R-1", MemberStatus.SUSPENDED), "already suspended: no new version");
    assertEquals(2, lists.version(ListName.allow("taxi").wire()));
    registry.setStatus("taxi", "R-1", MemberStatus.ACTIVE);
    assertEquals(MemberStatus.ACTIVE, lists.allowEntry("taxi", OLD).orElseThrow().status());
    assertEquals(false, registry.setStatus("taxi", "R-404", MemberStatus.SUSPENDED));
  }

  @Test
  void aLinkWithAServiceNoListCanBeNamedAfterIsSetAsideForStaffAndDoesNotBlockTheRest() throws Exception {
    arrive(new CardLinked("Taxi/1", OLD, "R-1", "senior", EXPIRES));
    arrive(new CardLinked("taxi", NEW, "R-2", "adult", EXPIRES));
    assertEquals(2, registry.applyPending());
    assertEquals(0, registry.applyPending(), "set aside once, not retried");
    assertEquals("R-2", lists.allowEntry("taxi", NEW).orElseThrow().member());
    assertEquals(Optional.empty(), lists.allowEntry("Taxi/1", OLD));
    assertTrue(registry.notices(10).stream().anyMatch(n -> n.contains("not a valid service name")), registry.notices(10).toString());
  }
}
