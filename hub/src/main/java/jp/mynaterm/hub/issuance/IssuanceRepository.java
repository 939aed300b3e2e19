package jp.mynaterm.hub.issuance;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.StoredJson;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.CertificateVoided;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.message.EventRecord;

/**
 * Issuance's own rows: one-use challenges (challenge), stored so any hub process sharing the database
 * can check them, and the certificates granted, as {@code /verify} shows them (issued: a digest, never content).
 */
public final class IssuanceRepository {
  /** A certificate the hub granted, as {@code /verify} shows it: when, where, which type, its digest. */
  public record Issued(String code, String digest, String terminal, String type, int copies, String issuedAt) {}

  private final Database db;

  public IssuanceRepository(Database db) {
    this.db = db;
  }

  /** A challenge handed to a terminal; usable once, until it expires. */
  public void saveChallenge(String value, String terminal, long expiresMs) throws SQLException {
    db.update("INSERT INTO challenge (value, terminal, expires_ms) VALUES (?, ?, ?)", value, terminal, expiresMs);
  }

  /** Uses up a challenge: true only if this terminal was given it and it has not expired. Expired ones go too. */
  public boolean takeChallenge(String value, String terminal, long nowMs) throws SQLException {
    return db.write(c -> {
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM challenge WHERE expires_ms < ?")) {
        purge.setLong(1, nowMs);
        purge.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM challenge WHERE value = ? AND terminal = ?")) {
        p.setString(1, value);
        p.setString(2, terminal);
        return p.executeUpdate() == 1;
      }
    });
  }

  public void recordIssued(Issued i) throws SQLException {
    db.update("INSERT INTO issued (code, digest, terminal, type, copies, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
        i.code(), i.digest(), i.terminal(), i.type(), i.copies(), i.issuedAt());
  }

  /**
   * What became of a granted code, by the kiosk's report: {@code VALID} when it said copies came out
   * (paid and printed), {@code VOID} when none did (refunded or never paid), {@code AWAITING} until it
   * reports (the resident is paying, or the kiosk is offline). A grant alone never makes a code valid.
   */
  public enum Status {
    VALID,
    VOID,
    AWAITING
  }

  /** @param printedCopies the copies the kiosk printed (0 unless VALID) */
  public record Outcome(Status status, int printedCopies) {}

  /** The kiosk's latest report for a code: its CertificateIssued or CertificateVoided event. */
  public Outcome outcome(String code) throws SQLException {
    // Codes are [0-9A-Z-] only, so the pattern has no LIKE wildcards of its own; each hit is parsed and checked.
    List<EventRecord> reports = db.list(
        "SELECT record FROM events WHERE event_type IN (?, ?) AND record LIKE ? ORDER BY wall DESC",
        rs -> StoredJson.read(rs.getString(1), EventRecord.class),
        EventTypes.of(CertificateIssued.class), EventTypes.of(CertificateVoided.class), "%\"verificationCode\":\"" + code + "\"%");
    for (EventRecord r : reports) {
      if (r.event() instanceof CertificateIssued i && i.verificationCode().equals(code)) return new Outcome(Status.VALID, i.copies());
      if (r.event() instanceof CertificateVoided v && v.verificationCode().equals(code)) return new Outcome(Status.VOID, 0);
    }
    return new Outcome(Status.AWAITING, 0);
  }

  public Optional<Issued> issued(String code) throws SQLException {
    return db.first("SELECT code, digest, terminal, type, copies, issued_at FROM issued WHERE code = ?",
        rs -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)), code);
  }
}
