package jp.mynaterm.hub.storage;

import java.io.IOException;
import java.sql.SQLException;
import jp.mynaterm.protocol.codec.MessageCodec;

/** Wire JSON kept in a column (events, allow entries, alerts, config), read back. */
public final class StoredJson {
  private StoredJson() {}

  /** Rows keep wire JSON (events, entries, alerts, config); one that no longer parses is a storage error. */
  public static <T> T read(String json, Class<T> type) throws SQLException {
    try {
      return MessageCodec.read(json, type);
    } catch (IOException e) {
      throw new SQLException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
    }
  }
}
