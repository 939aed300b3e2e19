package jp.mynaterm.config;

import java.nio.file.Path;

/**
 * @param id this hub process's id (several hubs may share one broker and database)
 * @param dataDir where the embedded broker and the SQLite store live
 * @param cardIdKey the municipality's CardId secret (see {@link CardSettings#cardIdKey()})
 */
public record HubSettings(String id, String dataDir, String cardIdKey) {
  public HubSettings {
    Check.terminalId("id", id);
    dataDir = Check.orDefault(dataDir, "var/" + id);
    cardIdKey = Check.orDefault(cardIdKey, "");
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  @Override
  public String toString() {
    return "HubSettings[id=" + id + ", dataDir=" + dataDir + ", cardIdKey=" + (cardIdKey.isEmpty() ? "none" : "***") + "]";
  }
}
