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
    PeripheralSettings peripherals,
    Boolean development)
    implements TerminalConfig {
  public LibraryConfig {
    development = Check.orDefault(development, Boolean.FALSE);
    TerminalConfig.checkCommon(Role.LIBRARY, role, municipality, terminal, mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    library = Check.orDefault(library, LibrarySettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
