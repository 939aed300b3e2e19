package jp.mynaterm.cli.demo;

import java.nio.file.Path;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.config.ConfigLoader;

/**
 * What demo parts share: where the example configurations are, where demo data goes, and values one
 * part publishes for later ones (e.g. the broker's address).
 */
final class DemoContext {
  private final ConfigLoader loader = new ConfigLoader();
  private final java.util.Map<String, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();

  ConfigLoader loader() {
    return loader;
  }

  Path examples() {
    return Launch.home().resolve("config/examples");
  }

  /** Demo data lives under var/demo in the installation, away from any real terminal's data. */
  Path dataRoot() {
    return Launch.home().resolve("var/demo");
  }

  void put(String key, Object value) {
    shared.put(key, value);
  }

  <T> T get(String key, Class<T> type) {
    return type.cast(shared.get(key));
  }
}
