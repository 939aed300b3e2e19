package jp.mynaterm.agent.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkouts and returns done while the library system was unreachable, kept in SQLite (WAL,
 * synchronous=FULL) until the library system has them: committed before staff are told "queued",
 * sent later in the order they happened, each with the date it really happened.
 */
public final class PendingTransactions implements AutoCloseable {
  /** One queued transaction, as staff see it. */
  public record Pending(long id, Kind kind, String cardId, String patron, String item, String sip2Date, int attempts, String lastError) {}

  public enum Kind {
    CHECKOUT,
    CHECKIN
  }

  private final Connection db;

  private PendingTransactions(Connection db) {
    this.db = db;
  }

  public static PendingTransactions open(Path file) throws IOException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, card_id TEXT NOT NULL,"
                + " patron TEXT NOT NULL, item TEXT NOT NULL, sip2_date TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '')");
      }
      return new PendingTransactions(c);
    } catch (SQLException e) {
      throw new IOException("cannot open the library queue " + file + ": " + e.getMessage(), e);
    }
  }

  /** Stores a transaction; when this returns it survives a power cut. */
  public synchronized long add(Kind kind, String cardId, String patron, String item, String sip2Date) throws IOException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO pending (kind, card_id, patron, item, sip2_date) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, kind.name());
      p.setString(2, cardId);
      p.setString(3, patron);
      p.setString(4, item);
      p.setString(5, sip2Date);
      p.executeUpdate();
      try (ResultSet k = p.getGeneratedKeys()) {
        k.next();
        return k.getLong(1);
      }
    } catch (SQLException e) {
      throw new IOException("cannot queue the transaction: " + e.getMessage(), e);
    }
  }

  /** Oldest first. */
  public synchronized List<Pending> list() throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, kind, card_id, patron, item, sip2_date, attempts, last_error FROM pending ORDER BY id")) {
      List<Pending> out = new ArrayList<>();
      while (r.next()) {
        out.add(new Pending(r.getLong(1), Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7), r.getString(8)));
      }
      return out;
    } catch (SQLException e) {
      throw new IOException("cannot read the library queue: " + e.getMessage(), e);
    }
  }

  public synchronized void remove(long id) throws IOException {
    update("DELETE FROM pending WHERE id = ?", p -> p.setLong(1, id));
  }

  public synchronized void attemptFailed(long id, String error) throws IOException {
    update("UPDATE pending SET attempts = attempts + 1, last_error = ? WHERE id = ?", p -> {
      p.setString(1, error);
      p.setLong(2, id);
    });
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private void update(String sql, Binder binder) throws IOException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      binder.bind(p);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("cannot update the library queue: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing left to protect
    }
  }
}
