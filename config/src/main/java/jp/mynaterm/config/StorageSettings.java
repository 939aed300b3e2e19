package jp.mynaterm.config;

/**
 * The hub's event store: SQLite in the hub's data directory when {@code url} is not given,
 * PostgreSQL by JDBC URL. The password usually comes from MYNATERM_STORAGE_PASSWORD.
 */
public record StorageSettings(String url, String user, String password) {
  public static final StorageSettings DEFAULT = new StorageSettings(null, null, null);

  public StorageSettings {
    if (url != null) Check.jdbcUrl("url", url);
  }

  /** This storage, with the SQLite file in {@code dataDir} where no URL was given. */
  public StorageSettings withDefaultUrl(String dataDir) {
    return url != null ? this : new StorageSettings("jdbc:sqlite:" + dataDir + "/hub.db", user, password);
  }

  @Override
  public String toString() {
    return "StorageSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
