package jp.mynaterm.hub.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jp.mynaterm.hub.storage.Database;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Staff actions and security events (a sign-in, a failed one, an account changed, a revocation list
 * imported), in an append-only table where each entry commits to the one before, so an entry edited
 * or removed afterwards breaks the chain at that place ({@link #verify}).
 *
 * <p>The chain hashes as RFC 6962 separates leaves from nodes: an entry's leaf hash is
 * SHA-256(0x00 ‖ its fields, each as a 4-byte length and UTF-8), and the chain's hash after it is
 * SHA-256(0x01 ‖ the hash before ‖ the leaf hash), starting from 32 zero bytes. A daily checkpoint
 * ({@link AuditCheckpoints}) signs the hash at the day's last entry, so rewriting the whole chain
 * from some entry on is caught too. Entries name staff by user id and cards never.
 */
public final class AuditLog {
  static final String GENESIS = "00".repeat(32);

  /** One entry as stored. */
  public record Entry(long seq, Instant at, String actor, String action, String subject, String detail, String prevHash, String hash) {}

  /** What is wrong with the chain, entry by entry; empty when intact. */
  public record Finding(long seq, String problem) {
    @Override
    public String toString() {
      return "entry " + seq + ": " + problem;
    }
  }

  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Appends in a transaction of its own; several hubs appending at once take turns on the key. */
  public void append(String actor, String action, String subject, String detail) throws SQLException {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        db.commit(c -> append(c, actor, action, subject, detail));
        return;
      } catch (SQLException e) {
        last = e; // another hub took the same sequence number: read the new end and try again
      }
    }
    throw last;
  }

  /** Appends in the caller's transaction, so the action and its record commit together. */
  public void append(Connection c, String actor, String action, String subject, String detail) throws SQLException {
    long seq = 1;
    String prev = GENESIS;
    try (PreparedStatement p = c.prepareStatement("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1");
        ResultSet rs = p.executeQuery()) {
      if (rs.next()) {
        seq = rs.getLong(1) + 1;
        prev = rs.getString(2);
      }
    }
    Instant at = clock.instant();
    String hash = chain(prev, leaf(seq, at.toString(), actor, action, subject, detail));
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO audit_entry (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, seq);
      p.setString(2, at.toString());
      p.setString(3, actor);
      p.setString(4, action);
      p.setString(5, subject);
      p.setString(6, detail);
      p.setString(7, prev);
      p.setString(8, hash);
      p.executeUpdate();
    }
  }

  private static final String SELECT = "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_entry";
  private static final Database.Row<Entry> ENTRY =
      rs -> new Entry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));

  public List<Entry> entries() throws SQLException {
    return db.list(SELECT + " ORDER BY seq", ENTRY);
  }

  /** The entries after {@code seq}, in order: what the next checkpoint has to cover. */
  List<Entry> entriesAfter(long seq) throws SQLException {
    return db.list(SELECT + " WHERE seq > ? ORDER BY seq", ENTRY, seq);
  }

  /**
   * Walks the chain from the first entry: a gap in the numbers, an entry whose stored hash or link
   * does not match what its fields give. Each finding names the entry; the walk goes on with the
   * stored hashes so one edit is named once, not as every entry after it.
   */
  public List<Finding> verify() throws SQLException {
    return verify(entries());
  }

  /** {@link #verify()} over entries already read. */
  static List<Finding> verify(List<Entry> entries) {
    List<Finding> findings = new ArrayList<>();
    String prev = GENESIS;
    long expected = 1;
    for (Entry e : entries) {
      if (e.seq() != expected) findings.add(new Finding(e.seq(), "entries " + expected + " to " + (e.seq() - 1) + " are missing"));
      if (!e.prevHash().equals(prev)) findings.add(new Finding(e.seq(), "does not follow the entry before it (removed, reordered or rewritten)"));
      String hash;
      try {
        hash = chain(e.prevHash(), leaf(e.seq(), e.at().toString(), e.actor(), e.action(), e.subject(), e.detail()));
      } catch (IllegalArgumentException notHex) {
        hash = "";
      }
      if (!hash.equals(e.hash())) findings.add(new Finding(e.seq(), "its content does not match its hash (edited after it was written)"));
      prev = e.hash();
      expected = e.seq() + 1;
    }
    return findings;
  }

  static String leaf(long seq, String at, String actor, String action, String subject, String detail) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x00);
    for (String field : new String[] {Long.toString(seq), at, actor, action, subject, detail}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      b.write(bytes.length >>> 24);
      b.write(bytes.length >>> 16);
      b.write(bytes.length >>> 8);
      b.write(bytes.length);
      b.writeBytes(bytes);
    }
    return DigestUtils.sha256Hex(b.toByteArray());
  }

  static String chain(String prevHex, String leafHex) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(65);
    b.write(0x01);
    b.writeBytes(HexFormat.of().parseHex(prevHex));
    b.writeBytes(HexFormat.of().parseHex(leafHex));
    return DigestUtils.sha256Hex(b.toByteArray());
  }
}
