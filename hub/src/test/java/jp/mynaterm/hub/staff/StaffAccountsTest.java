package jp.mynaterm.hub.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.message.StaffEntry;
import jp.mynaterm.protocol.staff.StaffPassword;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff accounts at the hub: hashes only, roles decide which terminals get them, lockout, disable. */
class StaffAccountsTest {
  @TempDir Path dir;

  @Test
  void accountsKeepOnlyAHashAndGoToTheTerminalsOfTheirRole() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      StaffAccounts staff = new StaffAccounts(db, Clock.systemUTC());
      staff.add("librarian-1", "図書 花子", Set.of(StaffRole.LIBRARY), "library-password");
      staff.add("admin", "管理者", Set.of(StaffRole.ADMINISTRATOR), "admin-password-1");
      staff.add("nurse-1", "受付 太郎", Set.of(StaffRole.HOSPITAL), "hospital-password");
      assertThrows(IllegalArgumentException.class, () -> staff.add("librarian-1", "again", Set.of(StaffRole.LIBRARY), "library-password"));
      assertThrows(IllegalArgumentException.class, () -> staff.add("short", "x", Set.of(StaffRole.LIBRARY), "short"));
      assertThrows(IllegalArgumentException.class, () -> staff.add("bad id!", "x", Set.of(StaffRole.LIBRARY), "long-enough-pw"));

      var library = staff.listFor(StaffRole.LIBRARY);
      assertEquals(java.util.List.of("admin", "librarian-1"), library.stream().map(StaffEntry::user).toList());
      var librarian = library.get(1);
      assertEquals(java.util.List.of("library"), librarian.roles(), "only the roles that count at the library");
      assertFalse(librarian.passwordHash().contains("library-password"));
      assertTrue(StaffPassword.matches("library-password", librarian.passwordHash()), "a terminal checks the hash offline");
      assertEquals(java.util.List.of("admin", "nurse-1"), staff.listFor(StaffRole.HOSPITAL).stream().map(StaffEntry::user).toList());

      ListRepository lists = new ListRepository(db);
      long libraryVersion = lists.version("staff-library");
      long hospitalVersion = lists.version("staff-hospital");
      staff.disable("librarian-1");
      assertEquals(libraryVersion + 1, lists.version("staff-library"), "the library's list has a new version");
      assertEquals(hospitalVersion, lists.version("staff-hospital"), "the hospital's is unchanged");
      var disabled = staff.listFor(StaffRole.LIBRARY).get(1);
      assertTrue(disabled.disabled());
      assertEquals("", disabled.passwordHash(), "a disabled account goes without its hash");
      assertTrue(staff.list().stream().anyMatch(a -> a.userId().equals("librarian-1") && a.disabled()));
      assertFalse(staff.signIn("librarian-1", "library-password"), "a disabled account does not sign in");
    }
  }

  @Test
  void repeatedFailuresLockAndANewPasswordUnlocks() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      StaffAccounts staff = new StaffAccounts(db, Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC));
      staff.add("auditor-1", "監査", Set.of(StaffRole.AUDITOR), "auditor-password");
      for (int i = 0; i < StaffAccounts.MAX_FAILURES; i++) assertFalse(staff.signIn("auditor-1", "wrong-password"));
      assertFalse(staff.signIn("auditor-1", "auditor-password"), "locked");
      assertTrue(staff.list().getFirst().lockedUntil().isPresent());
      staff.setPassword("auditor-1", "a-new-password");
      assertTrue(staff.signIn("auditor-1", "a-new-password"));
      assertThrows(IllegalArgumentException.class, () -> staff.setPassword("nobody", "whatever-password"));
    }
  }
}
