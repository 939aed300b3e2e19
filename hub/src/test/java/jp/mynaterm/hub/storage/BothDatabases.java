package jp.mynaterm.hub.storage;

import java.nio.file.Path;
import java.util.stream.Stream;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.testsupport.RealComponent;

/**
 * SQLite and one throwaway PostgreSQL server shared by every test class of this JVM that runs the same
 * behaviour on both: one server start for all of them, not one per class. Each class names its own
 * databases. (StorageTest keeps a server of its own, since it restarts it.)
 */
public final class BothDatabases {
  private static ThrowawayPostgres postgres;
  private static boolean tried;

  private BothDatabases() {}

  /** The kinds, for {@code @MethodSource("jp.mynaterm.hub.storage.BothDatabases#kinds")}. */
  public static Stream<String> kinds() {
    return Stream.of("sqlite", "postgresql");
  }

  /** A fresh database named {@code name}: a file in {@code dir}, or a new database on the shared server. */
  public static StorageSettings fresh(String kind, Path dir, String name) throws Exception {
    if (kind.equals("sqlite")) return new StorageSettings("jdbc:sqlite:" + dir.resolve(name + ".db"), null, null);
    return new StorageSettings(server().createDatabase(name), "postgres", null);
  }

  private static synchronized ThrowawayPostgres server() throws Exception {
    if (!tried) {
      tried = true;
      if (ThrowawayPostgres.installed()) {
        ThrowawayPostgres started = ThrowawayPostgres.start();
        postgres = started;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (java.io.IOException e) {
            // the JVM is ending; the server's directory is temporary
          }
        }));
      }
    }
    RealComponent.POSTGRESQL.require(postgres != null, "postgresql 15 is not installed");
    return postgres;
  }
}
