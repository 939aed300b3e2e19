package jp.mynaterm.hub.issuance;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import jp.mynaterm.hub.storage.Database;

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

  public Optional<Issued> issued(String code) throws SQLException {
    return db.first("SELECT code, digest, terminal, type, copies, issued_at FROM issued WHERE code = ?",
        rs -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)), code);
  }
}
