package jp.mynaterm.config;

/** The whole configuration of one process; the YAML file's {@code role:} picks the record. */
public sealed interface RoleConfig permits HubConfig, TerminalConfig {
  Role role();

  /** The 6-digit 全国地方公共団体コード, part of every MQTT topic. */
  String municipality();

  /**
   * Development mode ({@code development: true} at the top of the file, or MYNATERM_DEVELOPMENT=true):
   * the only mode in which missing card trust anchors, CardId key or TLS material fall back to the
   * virtual cards' test CA, the published development key or plaintext MQTT. The demo sets it; every
   * start banner and page says so. Outside it, a start without them is one line naming the key, exit 2.
   */
  Boolean development();

  /** What every start banner says in development mode. */
  String DEVELOPMENT_BANNER = "開発モード / DEVELOPMENT MODE: test card CA, development CardId key; not for residents' cards";

  /** Refuses a start outside development mode when {@code key} is missing ({@code present} false). */
  default void requireOutsideDevelopment(String key, boolean present, String what) {
    if (!development() && !present) {
      throw new ConfigException(role().key() + " configuration", key, what + " is required outside development mode (development: true is for demos and tests only)");
    }
  }
}
