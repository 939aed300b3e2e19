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
  /**
   * A certificate's code the hub granted, as {@code /verify} shows it: when, where, which type, its digest.
   *
   * @param copies the copies granted
   * @param grantCode the code the kiosk reports the grant by (its first copy's); {@code code} itself for a
   *     grant with one code for all copies
   * @param copy which copy this code is printed on (1 to {@code copies}); 0 when one code covers all copies
   */
  public record Issued(String code, String digest, String terminal, String type, int copies, String issuedAt, String grantCode, int copy) {
    /** One code for all the copies of a grant (as granted before each copy had its own). */
    public Issued(String code, String digest, String terminal, String type, int copies, String issuedAt) {
      this(code, digest, terminal, type, copies, issuedAt, code, 0);
    }
  }

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
    recordIssued(List.of(i));
  }

  /** The codes of one grant (one per copy), all or none. */
  public void recordIssued(List<Issued> codes) throws SQLException {
    db.commit(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO issued (code, digest, terminal, type, copies, issued_at, grant_code, copy_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Issued i : codes) {
          p.setString(1, i.code());
          p.setString(2, i.digest());
          p.setString(3, i.terminal());
          p.setString(4, i.type());
          p.setInt(5, i.copies());
          p.setString(6, i.issuedAt());
          p.setString(7, i.grantCode());
          p.setInt(8, i.copy());
          p.addBatch();
        }
        p.executeBatch();
      }
    });
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

  /** @param printedCopies the copies the code stands for that the kiosk printed (0 unless VALID) */
  public record Outcome(Status status, int printedCopies) {}

  /**
   * What became of the paper with this code. A grant's report counts the copies that came out, and a
   * kiosk prints copies in order and stops at the first that does not come out (CertificateIssued), so
   * copy k's own code is valid when at least k came out and void otherwise (refunded, never printed, or
   * a jammed sheet staff must look for). A code covering all copies of its grant is the grant's report.
   */
  public Outcome outcome(String code) throws SQLException {
    Optional<Issued> issued = issued(code);
    Outcome grant = report(issued.map(Issued::grantCode).orElse(code));
    int copy = issued.map(Issued::copy).orElse(0);
    if (copy == 0 || grant.status() != Status.VALID) return grant;
    return copy <= grant.printedCopies() ? new Outcome(Status.VALID, 1) : new Outcome(Status.VOID, 0);
  }

  /** The kiosk's latest report for a grant: its CertificateIssued or CertificateVoided event. */
  private Outcome report(String code) throws SQLException {
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
    return db.first("SELECT code, digest, terminal, type, copies, issued_at, COALESCE(grant_code, code), COALESCE(copy_number, 0) FROM issued WHERE code = ?",
        rs -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getInt(8)),
        code);
  }
}
