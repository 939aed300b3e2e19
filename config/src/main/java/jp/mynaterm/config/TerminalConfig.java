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

  /** What every terminal record checks first: its role, the municipality, identity and hub link. */
  static void checkCommon(Role expected, Role role, String municipality, TerminalSettings terminal, MqttSettings mqtt) {
    if (role != expected) throw new InvalidValue("role", "must be " + expected.key() + " in this configuration");
    Check.municipality("municipality", municipality);
    Check.required("terminal", terminal);
    Check.required("mqtt", mqtt);
  }
}
