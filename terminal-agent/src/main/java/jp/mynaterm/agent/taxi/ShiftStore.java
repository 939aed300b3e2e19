package jp.mynaterm.agent.taxi;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.usage.UsageRecorder.RecorderFull;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.event.UsageEvent;

/**
 * The open shift, kept in the outbox's database (table {@code taxi_shift}) and written in the same
 * SQLite transaction as the event that changes it: a ride is never committed without the shift that
 * counts it (the rider would see red, tap again and ride twice), nor the shift without the ride. A
 * vehicle that loses power keeps both or neither.
 */
public final class ShiftStore {
  /** Commits an event with a statement in its transaction: the agent's {@code record}, which also wakes delivery. */
  @FunctionalInterface
  public interface Recording {
    Appended record(UsageEvent event, Outbox.AlongWith with);
  }

  private final Outbox outbox;
  private final Recording recording;

  public ShiftStore(Outbox outbox, Recording recording) throws IOException {
    this.outbox = outbox;
    this.recording = recording;
    try {
      outbox.query(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE IF NOT EXISTS taxi_shift (one INTEGER PRIMARY KEY CHECK (one = 1), shift TEXT NOT NULL)");
        }
      });
    } catch (SQLException e) {
      throw new IOException("cannot keep the shift in " + outbox.file() + ": " + e.getMessage(), e);
    }
  }

  /** The open shift, if any. */
  public Optional<Shift> load() throws IOException {
    try {
      Optional<String> json = outbox.query(c -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT shift FROM taxi_shift")) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      });
      return json.isEmpty() ? Optional.empty() : Optional.of(MessageCodec.read(json.get(), Shift.class));
    } catch (SQLException e) {
      throw new IOException("cannot read the shift from " + outbox.file() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Commits {@code event} and the shift it leaves ({@code after}; empty when it closes the shift) in
   * one transaction; on {@link RecorderFull} neither was stored.
   */
  public void record(UsageEvent event, Optional<Shift> after) throws RecorderFull {
    String json = after.map(MessageCodec::write).orElse(null);
    Appended result = recording.record(event, c -> {
      try (PreparedStatement p = c.prepareStatement(json == null ? "DELETE FROM taxi_shift" : "INSERT OR REPLACE INTO taxi_shift (one, shift) VALUES (1, ?)")) {
        if (json != null) p.setString(1, json);
        p.executeUpdate();
      }
    });
    if (result instanceof Appended.Refused refused) throw new RecorderFull(refused.reason() + ": " + refused.detail());
  }
}
