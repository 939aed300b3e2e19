package jp.mynaterm.config;

/** A demand-taxi vehicle reader: headless, lights and a buzzer, offline for days. */
public record TaxiConfig(
    Role role,
    String municipality,
    TerminalSettings terminal,
    MqttSettings mqtt,
    OutboxSettings outbox,
    CardSettings card,
    TaxiSettings taxi,
    PeripheralSettings peripherals,
    Boolean development)
    implements TerminalConfig {
  public TaxiConfig {
    development = Check.orDefault(development, Boolean.FALSE);
    TerminalConfig.checkCommon(Role.TAXI, role, municipality, terminal, mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    taxi = Check.orDefault(taxi, TaxiSettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
