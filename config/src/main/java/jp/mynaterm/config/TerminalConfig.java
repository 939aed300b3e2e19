package jp.mynaterm.config;

/** What every terminal role has: its identity, its link to the hub, its outbox and its card reader. */
public sealed interface TerminalConfig extends RoleConfig
    permits KioskConfig, TaxiConfig, LibraryConfig, HospitalConfig {
  TerminalSettings terminal();

  MqttSettings mqtt();

  OutboxSettings outbox();

  CardSettings card();

  /** Lights, buzzer, buttons and printers; defaults where the file has no peripherals section. */
  PeripheralSettings peripherals();
}
