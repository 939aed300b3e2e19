package jp.mynaterm.agent.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.config.CardSettings;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.LibraryConfig;
import jp.mynaterm.config.LibrarySettings;
import jp.mynaterm.config.MqttSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.TerminalSettings;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberSealTest {
  private static final MemberSeal LIBRARY = MemberSeal.withKey("ab".repeat(32));
  private static final MemberSeal OTHER_KEY = MemberSeal.withKey("cd".repeat(32));
  private static final CardId CARD = new CardId("A".repeat(26));
  @TempDir Path dir;

  @Test
  void aSealedNumberHidesTheNumberSealsTheSameEachTimeAndOpensOnlyWithTheKeyAndService() {
    String sealed = LIBRARY.seal("library", "P-7781");
    assertTrue(sealed.startsWith(MemberSeal.PREFIX));
    assertFalse(sealed.contains("7781"));
    assertEquals(sealed, LIBRARY.seal("library", "P-7781"), "deterministic: the hub can tell the same member");
    assertNotEquals(sealed, LIBRARY.seal("library", "P-7782"));
    assertEquals(Optional.of("P-7781"), LIBRARY.open("library", sealed));
    assertEquals(Optional.empty(), OTHER_KEY.open("library", sealed), "another key");
    assertEquals(Optional.empty(), LIBRARY.open("hospital", sealed), "bound to its service");
    assertEquals(Optional.empty(), LIBRARY.open("library", sealed.substring(0, sealed.length() - 2) + "AA"), "altered");
    assertEquals(Optional.empty(), LIBRARY.open("library", "P-7781"), "a service with a key takes no plain numbers");
    assertEquals(Optional.empty(), LIBRARY.open("library", MemberSeal.PREFIX + "AAAA"), "too short to hold a tag");
    assertEquals(Optional.empty(), LIBRARY.open("library", MemberSeal.PREFIX + "not base64!"), "not base64");
  }

  @Test
  void withoutAKeyNumbersStayPlainAndSealedOnesAreNotRead() {
    assertEquals("R-0003", MemberSeal.NONE.seal("taxi", "R-0003"));
    assertEquals(Optional.of("R-0003"), MemberSeal.NONE.open("taxi", "R-0003"));
    assertEquals(Optional.empty(), MemberSeal.NONE.open("taxi", LIBRARY.seal("taxi", "R-0003")));
  }

  @Test
  void theAllowListIsOpenedOnTheWayInAndEntriesOfAnotherKeyAreLeftOut() {
    CardId other = new CardId("B".repeat(26));
    List<AllowEntry> fromHub = List.of(
        new AllowEntry(CARD, LIBRARY.seal("library", "P-7781"), "", MemberStatus.ACTIVE),
        new AllowEntry(other, OTHER_KEY.seal("library", "P-9999"), "", MemberStatus.ACTIVE));
    assertEquals(List.of(new AllowEntry(CARD, "P-7781", "", MemberStatus.ACTIVE)), AllowListFeed.opened("library", fromHub, LIBRARY));
  }

  @Test
  void aCounterWithoutAKeyFileIsRefusedNamingTheKeyOutsideDevelopmentMode() throws Exception {
    var refused = assertThrows(ConfigException.class, () -> MemberSeal.configured(library(false), "library.memberKey", ""));
    assertTrue(refused.getMessage().contains("library.memberKey"), refused.getMessage());
    var missing = assertThrows(ConfigException.class, () -> MemberSeal.configured(library(false), "library.memberKey", dir.resolve("nope.key").toString()));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());

    Path key = dir.resolve("library.key");
    MemberSeal.createKeyFile(key);
    String sealed = MemberSeal.configured(library(false), "library.memberKey", key.toString()).seal("library", "P-1");
    assertEquals(Optional.of("P-1"), MemberSeal.fromFile(key).open("library", sealed));

    Files.writeString(key, "not hex");
    var bad = assertThrows(ConfigException.class, () -> MemberSeal.configured(library(false), "library.memberKey", key.toString()));
    assertTrue(bad.getMessage().contains("64 hex digits"), bad.getMessage());
  }

  @Test
  void inDevelopmentAKeyIsMadeOnceInTheDataDirectory() {
    String first = MemberSeal.configured(library(true), "library.memberKey", "").seal("library", "P-1");
    String again = MemberSeal.configured(library(true), "library.memberKey", "").seal("library", "P-1");
    assertEquals(first, again, "the same key after a restart");
    assertTrue(Files.exists(dir.resolve("library-1").resolve("member-key")));
  }

  private LibraryConfig library(boolean development) {
    MqttSettings mqtt = new MqttSettings("tcp://127.0.0.1:1", null, null, null, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1), null, null);
    return new LibraryConfig(Role.LIBRARY, "212075", new TerminalSettings("library-1", dir.resolve("library-1").toString(), Duration.ofHours(1), null), mqtt, null,
        CardSettings.DEFAULT, LibrarySettings.DEFAULT, null, development);
  }
}
