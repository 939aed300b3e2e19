package jp.mynaterm.hub.audit;

import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.mynaterm.hub.issuance.IssuingKey;
import org.apache.commons.codec.digest.DigestUtils;
import jp.mynaterm.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint per day (the city's day, Asia/Tokyo) over the {@link AuditLog}: the chain's hash at the
 * day's last entry, signed with the hub's Ed25519 key (the issuing key, over a text that says it is an
 * audit checkpoint, so no checkpoint passes for a certificate signature or the other way round). A
 * chain rewritten from some entry on, hashes and all, no longer matches the checkpoints after it.
 */
public final class AuditCheckpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
  public static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
  /** Each hour: a day's checkpoint is made within the hour after midnight, and a stopped hub catches up at start. */
  static final Duration EVERY = Duration.ofHours(1);

  public record Checkpoint(LocalDate day, long seq, String hash, String signature) {}

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("audit-checkpoints").factory());

  public AuditCheckpoints(Database db, Clock clock) {
    this.db = db;
    this.audit = new AuditLog(db, clock);
    this.clock = clock;
  }

  /** Makes the checkpoints due now and then hourly, until closed. */
  public static AuditCheckpoints start(Database db, IssuingKey key) {
    AuditCheckpoints c = new AuditCheckpoints(db, Clock.systemUTC());
    c.timer.scheduleWithFixedDelay(() -> {
      try {
        // One hub of a group signs a day: two would each insert a checkpoint past the other's NOT EXISTS.
        db.alone("audit-checkpoints", () -> c.makeDue(key));
      } catch (SQLException | RuntimeException e) {
        log.warn("audit checkpoint not made, tried again in {}: {}", EVERY, e.getMessage());
      }
    }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return c;
  }

  /** Signs each finished day, since the last checkpoint, that has entries; returns how many it made. */
  public int makeDue(IssuingKey key) throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), CITY);
    List<Checkpoint> made = checkpoints();
    long signedUpTo = made.isEmpty() ? 0 : made.getLast().seq();
    List<AuditLog.Entry> entries = audit.entriesAfter(signedUpTo);
    int n = 0;
    for (LocalDate day : entries.stream().map(e -> LocalDate.ofInstant(e.at(), CITY)).distinct().filter(today::isAfter).toList()) {
      AuditLog.Entry last = entries.stream().filter(e -> !LocalDate.ofInstant(e.at(), CITY).isAfter(day)).reduce((a, b) -> b).orElseThrow();
      String signature = key.sign(digest(day, last.seq(), last.hash()));
      n += db.update("INSERT INTO audit_checkpoint (day, seq, hash, signature, signed_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE day = ?)",
          day.toString(), last.seq(), last.hash(), signature, clock.instant().toString(), day.toString());
    }
    return n;
  }

  public List<Checkpoint> checkpoints() throws SQLException {
    return db.list("SELECT day, seq, hash, signature FROM audit_checkpoint ORDER BY seq",
        rs -> new Checkpoint(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4)));
  }

  /** The chain's findings, then each checkpoint's: its signature, and the chain still holding its hash. */
  public List<AuditLog.Finding> verify(PublicKey hubKey) throws SQLException {
    List<AuditLog.Entry> entries = audit.entries();
    List<AuditLog.Finding> findings = new ArrayList<>(AuditLog.verify(entries));
    Map<Long, AuditLog.Entry> bySeq = entries.stream().collect(Collectors.toMap(AuditLog.Entry::seq, Function.identity()));
    for (Checkpoint c : checkpoints()) {
      if (!IssuingKey.verify(hubKey, digest(c.day(), c.seq(), c.hash()), c.signature())) {
        findings.add(new AuditLog.Finding(c.seq(), "the checkpoint of " + c.day() + " is not signed by this hub's key"));
      }
      Optional<AuditLog.Entry> e = Optional.ofNullable(bySeq.get(c.seq()));
      if (e.isEmpty() || !e.get().hash().equals(c.hash())) {
        findings.add(new AuditLog.Finding(c.seq(), "differs from the signed checkpoint of " + c.day() + " (the chain was rewritten up to here)"));
      }
    }
    return findings;
  }

  static String digest(LocalDate day, long seq, String hash) {
    return DigestUtils.sha256Hex("mynaterm audit checkpoint v1\n" + day + "\n" + seq + "\n" + hash);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
