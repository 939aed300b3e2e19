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
    PeripheralSettings peripherals)
    implements TerminalConfig {
  public TaxiConfig {
    if (role != Role.TAXI) throw new InvalidValue("role", "must be taxi in this configuration");
    Check.municipality("municipality", municipality);
    Check.required("terminal", terminal);
    Check.required("mqtt", mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    taxi = Check.orDefault(taxi, TaxiSettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
