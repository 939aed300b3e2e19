package jp.mynaterm.kiosk.money;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.agent.store.SqliteFile;

/**
 * The kiosk's durable record of each paid transaction, one row per verification code, in its own
 * SQLite file (WAL, synchronous=FULL: a step written is a step that survives a power cut). Each step
 * is written before the kiosk does what it records — the intent (with the payment id) before the
 * charge, "printing copy k" before copy k is sent — so after a crash {@link Settlement} knows what
 * may have happened and asks the payment terminal about the rest. It holds no personal data: the
 * code, the payment id, the type, the fee and the document's digest, never the document.
 */
public final class TransactionJournal implements AutoCloseable {
  /** Where a transaction stands. INTENT and CHARGED are unfinished; the others are closed. */
  public enum State {
    /** Granted by the hub; the payment id is fixed; money may be being taken. */
    INTENT,
    /** The payment terminal said paid; copies are printing. */
    CHARGED,
    /** Every copy that came out is paid for (the rest, if any, refunded). */
    FINISHED,
    /** Nothing came out; what was paid is back. */
    REFUNDED,
    /** Nothing was paid and nothing printed. */
    VOID,
    /** Money is in doubt (a refund failed, the terminal cannot say): staff were alerted. */
    NEEDS_STAFF
  }

  /**
   * @param attempt the payment attempt: a new one only after a definite "not charged" (declined, cancelled)
   * @param printed copies that came out, in order
   * @param sending the copy sent to the printer and not yet known to have come out (0: none)
   */
  public record Entry(
      String code, String type, int copies, int feeYen, String digest, int attempt, State state, int printed, int sending, int refundedYen, String note) {
    public String paymentId() {
      return "pay-" + code + "-" + attempt;
    }

    public int perCopyYen() {
      return feeYen / copies;
    }

    public boolean unfinished() {
      return state == State.INTENT || state == State.CHARGED;
    }
  }

  private static final String COLUMNS = "code, type, copies, fee_yen, digest, attempt, state, printed, sending, refunded_yen, note";
  private final Connection db;
  private final Clock clock;

  private TransactionJournal(Connection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public static TransactionJournal open(Path file, Clock clock) throws IOException {
    return new TransactionJournal(SqliteFile.open(file, TransactionJournal::schema).connection(), clock);
  }

  private static void schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS txn (code TEXT PRIMARY KEY, type TEXT NOT NULL, copies INTEGER NOT NULL, fee_yen INTEGER NOT NULL,"
          + " digest TEXT NOT NULL, attempt INTEGER NOT NULL, state TEXT NOT NULL, printed INTEGER NOT NULL, sending INTEGER NOT NULL,"
          + " refunded_yen INTEGER NOT NULL, note TEXT NOT NULL, updated_at TEXT NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS txn_state ON txn (state)");
    }
  }

  /** The hub granted: the transaction exists before any money moves. */
  public synchronized Entry intent(String code, String type, int copies, int feeYen, String digest) throws SQLException {
    Entry e = new Entry(code, type, copies, feeYen, digest, 1, State.INTENT, 0, 0, 0, "");
    update("INSERT INTO txn (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '', ?)",
        code, type, copies, feeYen, digest, 1, State.INTENT.name(), now());
    return e;
  }

  /** The terminal said for certain nothing was taken: the next charge gets a new payment id. */
  public synchronized Entry nextAttempt(String code) throws SQLException {
    update("UPDATE txn SET attempt = attempt + 1, updated_at = ? WHERE code = ? AND state = 'INTENT'", now(), code);
    return find(code).orElseThrow();
  }

  /** Paid; with {@code firstCopyNext}, copy 1 is about to be sent (one write: the kiosk sends it next). */
  public synchronized void charged(String code, boolean firstCopyNext) throws SQLException {
    update("UPDATE txn SET state = 'CHARGED', sending = ?, updated_at = ? WHERE code = ?", firstCopyNext ? 1 : 0, now(), code);
  }

  /** Written before copy {@code copy} goes to the printer. */
  public synchronized void sending(String code, int copy) throws SQLException {
    update("UPDATE txn SET sending = ?, updated_at = ? WHERE code = ?", copy, now(), code);
  }

  /** Copy {@code copy} came out, and the next one (if {@code next}) is about to be sent: one write. */
  public synchronized void printed(String code, int copy, boolean next) throws SQLException {
    update("UPDATE txn SET printed = ?, sending = ?, updated_at = ? WHERE code = ?", copy, next ? copy + 1 : 0, now(), code);
  }

  /** The copy being sent did not come out. */
  public synchronized void notPrinted(String code) throws SQLException {
    update("UPDATE txn SET sending = 0, updated_at = ? WHERE code = ?", now(), code);
  }

  public synchronized void close(String code, State state, int refundedYen, String note) throws SQLException {
    update("UPDATE txn SET state = ?, refunded_yen = ?, note = ?, updated_at = ? WHERE code = ?", state.name(), refundedYen, note, now(), code);
  }

  public synchronized Optional<Entry> find(String code) throws SQLException {
    List<Entry> found = select("WHERE code = ?", code);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Transactions a crash or an unanswered terminal left open, oldest first. */
  public synchronized List<Entry> unfinished() throws SQLException {
    return select("WHERE state IN ('INTENT', 'CHARGED') ORDER BY updated_at");
  }

  private List<Entry> select(String where, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT " + COLUMNS + " FROM txn " + where)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        List<Entry> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getInt(6), State.valueOf(rs.getString(7)),
              rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11)));
        }
        return out;
      }
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      p.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
  }

  private String now() {
    return clock.instant().toString();
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing after the last write: nothing is lost by ignoring it
    }
  }
}
