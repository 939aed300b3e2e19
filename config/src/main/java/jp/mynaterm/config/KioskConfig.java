package jp.mynaterm.config;

/** A self-service certificate kiosk: touch screen, card reader, A4 printer, payment. */
public record KioskConfig(
    Role role,
    String municipality,
    TerminalSettings terminal,
    MqttSettings mqtt,
    OutboxSettings outbox,
    CardSettings card,
    KioskSettings kiosk,
    PeripheralSettings peripherals,
    Boolean development)
    implements TerminalConfig {
  public KioskConfig {
    development = Check.orDefault(development, Boolean.FALSE);
    TerminalConfig.checkCommon(Role.KIOSK, role, municipality, terminal, mqtt);
    outbox = Check.orDefault(outbox, OutboxSettings.DEFAULT);
    card = Check.orDefault(card, CardSettings.DEFAULT);
    kiosk = Check.orDefault(kiosk, KioskSettings.DEFAULT);
    peripherals = Check.orDefault(peripherals, PeripheralSettings.DEFAULT);
  }
}
