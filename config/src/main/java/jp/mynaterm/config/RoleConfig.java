package jp.mynaterm.config;

/** The whole configuration of one process; the YAML file's {@code role:} picks the record. */
public sealed interface RoleConfig permits HubConfig, TerminalConfig {
  Role role();

  /** The 6-digit 全国地方公共団体コード, part of every MQTT topic. */
  String municipality();
}
