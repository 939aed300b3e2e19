package jp.mynaterm.config;

/** A library counter terminal: links cards to patrons, loans and returns over SIP2. */
public record LibraryConfig(
    Role role,
    String municipality,
    TerminalSettings terminal,
    MqttSettings mqtt,
    OutboxSettings outbox,
    CardSettings card,
    LibrarySettings library,
    PeripheralSettings peripherals)
    implements TerminalConfig {
  public LibraryConfig {
    if (role != Role.LIBRARY) throw new InvalidValue("role", "must be library in this configuration");
    Check.municipality("municipality", municipality);
    Check.required("terminal", terminal);
    Check.required("mqtt", mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    library = Check.orDefault(library, LibrarySettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
