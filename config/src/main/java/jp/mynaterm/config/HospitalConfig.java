package jp.mynaterm.config;

/** A hospital reception terminal: tap + PIN, check-in, a reception slip. */
public record HospitalConfig(
    Role role,
    String municipality,
    TerminalSettings terminal,
    MqttSettings mqtt,
    OutboxSettings outbox,
    CardSettings card,
    HospitalSettings hospital,
    PeripheralSettings peripherals,
    Boolean development)
    implements TerminalConfig {
  public HospitalConfig {
    development = Check.orDefault(development, Boolean.FALSE);
    TerminalConfig.checkCommon(Role.HOSPITAL, role, municipality, terminal, mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    hospital = Check.orDefault(hospital, HospitalSettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
