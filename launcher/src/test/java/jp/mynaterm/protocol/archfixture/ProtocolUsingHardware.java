package jp.mynaterm.protocol.archfixture;

/** Breaks the architecture on purpose (test only): the protocol using hardware. See ArchitectureRulesCanFailTest. */
public final class ProtocolUsingHardware {
  public static Object hardware() {
    return jp.mynaterm.hardware.gpio.Light.GREEN;
  }
}
