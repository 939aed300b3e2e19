package jp.mynaterm.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff actions land in a hash chain that names the entry someone edited behind the hub's back. */
class AuditLogTest {
  private static final Instant MONDAY = Instant.parse("2026-11-30T01:00:00Z"); // 10:00 in Mino
  @TempDir Path dir;

  private Database open() throws Exception {
    return Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
  }

  private static void sqlite3(Path db, String sql) throws Exception {
    Process p = new ProcessBuilder("sqlite3", db.toString(), sql).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sqlite3 finished");
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
  }

  @Test
  void staffActionsAreChainedSignedDailyAndAnEditedOrRemovedEntryIsNamed() throws Exception {
    IssuingKey key = IssuingKey.loadOrCreate(dir);
    try (Database db = open()) {
      StaffAccounts staff = new StaffAccounts(db, Clock.fixed(MONDAY, ZoneOffset.UTC), "os:it-staff");
      staff.add("librarian-1", "図書 花子", Set.of(StaffRole.LIBRARY), "library-password"); // 1
      staff.signIn("librarian-1", "wrong-password-here"); // 2
      staff.signIn("librarian-1", "library-password"); // 3
      staff.disable("librarian-1"); // 4
      var entries = new AuditLog(db, Clock.systemUTC()).entries();
      assertEquals(List.of("staff.add", "staff.signin-failed", "staff.signin", "staff.disable"), entries.stream().map(AuditLog.Entry::action).toList());
      assertEquals("os:it-staff", entries.get(0).actor());
      assertTrue(entries.stream().noneMatch(e -> (e.subject() + e.detail()).contains("library-password") || (e.subject() + e.detail()).contains("wrong-password-here")), "never a password");

      AuditCheckpoints tuesday = new AuditCheckpoints(db, Clock.fixed(MONDAY.plusSeconds(86_400), ZoneOffset.UTC));
      assertEquals(1, tuesday.makeDue(key), "Monday is signed once Monday is over");
      assertEquals(0, tuesday.makeDue(key));
      assertEquals(List.of(), tuesday.verify(key.publicKey()), "intact");
    }

    sqlite3(dir.resolve("hub.db"), "UPDATE audit_entry SET subject = 'someone-else' WHERE seq = 2");
    try (Database db = open()) {
      var findings = new AuditCheckpoints(db, Clock.systemUTC()).verify(key.publicKey());
      assertEquals(List.of(2L), findings.stream().map(AuditLog.Finding::seq).toList(), findings.toString());
      assertTrue(findings.get(0).problem().contains("does not match its hash"), findings.toString());
    }

    sqlite3(dir.resolve("hub.db"), "UPDATE audit_entry SET subject = 'librarian-1' WHERE seq = 2; DELETE FROM audit_entry WHERE seq = 3");
    try (Database db = open()) {
      var findings = new AuditCheckpoints(db, Clock.systemUTC()).verify(key.publicKey());
      assertFalse(findings.isEmpty());
      assertTrue(findings.stream().allMatch(f -> f.seq() == 4), "the gap is named where it shows: " + findings);
      assertTrue(findings.get(0).problem().contains("missing"), findings.toString());
    }
  }

  @Test
  void aChainRewrittenWithFreshHashesStillDiffersFromTheSignedCheckpoint() throws Exception {
    IssuingKey key = IssuingKey.loadOrCreate(dir);
    try (Database db = open()) {
      AuditLog log = new AuditLog(db, Clock.fixed(MONDAY, ZoneOffset.UTC));
      log.append("os:it-staff", "revocations.import", "CN=CA", "version 1");
      new AuditCheckpoints(db, Clock.fixed(MONDAY.plusSeconds(86_400), ZoneOffset.UTC)).makeDue(key);
      // Someone with the database rewrites the entry and recomputes its hash, as the hub would have.
      String forged = AuditLog.chain(AuditLog.GENESIS, AuditLog.leaf(1, MONDAY.toString(), "os:it-staff", "revocations.import", "CN=CA", "version 0"));
      db.update("UPDATE audit_entry SET detail = 'version 0', hash = ? WHERE seq = 1", forged);
      var findings = new AuditCheckpoints(db, Clock.systemUTC()).verify(key.publicKey());
      assertEquals(1, findings.size(), findings.toString());
      assertTrue(findings.get(0).problem().contains("signed checkpoint"), findings.toString());
    }
  }
}
