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
 * sent later in the order they happened, each with the date it really happened. One the library
 * system refused when it came is kept, with its reason, until staff mark it handled (the book is out
 * without a loan record: staff must act). Registrations made while the library system was
 * unreachable wait here too, for the library system to confirm the patron.
 */
public final class PendingTransactions implements AutoCloseable {
  /**
   * One queued transaction, as staff see it.
   *
   * @param refusal the library system's reason when it refused it, "" while it waits
   */
  public record Pending(long id, Kind kind, String cardId, String patron, String item, String sip2Date, int attempts, String lastError, String refusal) {}

  /**
   * A card registered while the library system could not confirm the patron: the link is recorded
   * only once it does.
   *
   * @param refusal the library system's reason when it did not know the patron, "" while it waits
   */
  public record Registration(long id, String cardId, String patron, java.time.Instant notAfter, String refusal) {}

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
        // Queues written before refusals were kept have no column for them.
        boolean hasRefusal = false;
        try (ResultSet r = s.executeQuery("PRAGMA table_info(pending)")) {
          while (r.next()) hasRefusal |= r.getString("name").equals("refusal");
        }
        if (!hasRefusal) s.execute("ALTER TABLE pending ADD COLUMN refusal TEXT NOT NULL DEFAULT ''");
        s.execute(
            "CREATE TABLE IF NOT EXISTS registration (id INTEGER PRIMARY KEY AUTOINCREMENT, card_id TEXT NOT NULL, patron TEXT NOT NULL,"
                + " not_after INTEGER NOT NULL, refusal TEXT NOT NULL DEFAULT '')");
      }
      return new PendingTransactions(c);
    } catch (SQLException e) {
      throw new IOException("cannot open the library queue " + file + ": " + e.getMessage(), e);
    }
  }

  /** Stores a transaction; when this returns it survives a power cut. */
  public synchronized long add(Kind kind, String cardId, String patron, String item, String sip2Date) throws IOException {
    return insert("INSERT INTO pending (kind, card_id, patron, item, sip2_date) VALUES (?, ?, ?, ?, ?)", p -> {
      p.setString(1, kind.name());
      p.setString(2, cardId);
      p.setString(3, patron);
      p.setString(4, item);
      p.setString(5, sip2Date);
    });
  }

  private long insert(String sql, Binder binder) throws IOException {
    try (PreparedStatement p = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      binder.bind(p);
      p.executeUpdate();
      try (ResultSet k = p.getGeneratedKeys()) {
        k.next();
        return k.getLong(1);
      }
    } catch (SQLException e) {
      throw new IOException("cannot store in the library queue: " + e.getMessage(), e);
    }
  }

  /** What waits to be sent, oldest first. */
  public synchronized List<Pending> list() throws IOException {
    return select("refusal = ''");
  }

  /** What the library system refused when it came, oldest first, until staff handle it. */
  public synchronized List<Pending> refused() throws IOException {
    return select("refusal <> ''");
  }

  private List<Pending> select(String where) throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, kind, card_id, patron, item, sip2_date, attempts, last_error, refusal FROM pending WHERE " + where + " ORDER BY id")) {
      List<Pending> out = new ArrayList<>();
      while (r.next()) {
        out.add(new Pending(r.getLong(1), Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7), r.getString(8), r.getString(9)));
      }
      return out;
    } catch (SQLException e) {
      throw new IOException("cannot read the library queue: " + e.getMessage(), e);
    }
  }

  public synchronized void remove(long id) throws IOException {
    update("DELETE FROM pending WHERE id = ?", p -> p.setLong(1, id));
  }

  /** The library system refused it: kept, with its reason (never empty), for staff. */
  public synchronized void refuse(long id, String reason) throws IOException {
    refuse("pending", id, reason);
  }

  private void refuse(String table, long id, String reason) throws IOException {
    update("UPDATE " + table + " SET refusal = ? WHERE id = ?", p -> {
      p.setString(1, reason.isBlank() ? "refused" : reason);
      p.setLong(2, id);
    });
  }

  /** Staff handled a refused one: it goes. Whether there was such a refused one. */
  public synchronized boolean handled(long id) throws IOException {
    return update("DELETE FROM pending WHERE id = ? AND refusal <> ''", p -> p.setLong(1, id)) == 1;
  }

  public synchronized void attemptFailed(long id, String error) throws IOException {
    update("UPDATE pending SET attempts = attempts + 1, last_error = ? WHERE id = ?", p -> {
      p.setString(1, error);
      p.setLong(2, id);
    });
  }

  /** Stores a registration that waits for the library system to confirm the patron. */
  public synchronized long addRegistration(String cardId, String patron, java.time.Instant notAfter) throws IOException {
    return insert("INSERT INTO registration (card_id, patron, not_after) VALUES (?, ?, ?)", p -> {
      p.setString(1, cardId);
      p.setString(2, patron);
      p.setLong(3, notAfter.getEpochSecond());
    });
  }

  /** Registrations waiting and refused, oldest first. */
  public synchronized List<Registration> registrations() throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, card_id, patron, not_after, refusal FROM registration ORDER BY id")) {
      List<Registration> out = new ArrayList<>();
      while (r.next()) out.add(new Registration(r.getLong(1), r.getString(2), r.getString(3), java.time.Instant.ofEpochSecond(r.getLong(4)), r.getString(5)));
      return out;
    } catch (SQLException e) {
      throw new IOException("cannot read the waiting registrations: " + e.getMessage(), e);
    }
  }

  public synchronized void removeRegistration(long id) throws IOException {
    update("DELETE FROM registration WHERE id = ?", p -> p.setLong(1, id));
  }

  public synchronized void refuseRegistration(long id, String reason) throws IOException {
    refuse("registration", id, reason);
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private int update(String sql, Binder binder) throws IOException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      binder.bind(p);
      return p.executeUpdate();
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
