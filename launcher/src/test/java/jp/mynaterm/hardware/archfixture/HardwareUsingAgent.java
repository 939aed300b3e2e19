package jp.mynaterm.hardware.archfixture;

/** Breaks the architecture on purpose (test only): hardware using the terminal agent above it. See ArchitectureRulesCanFailTest. */
public final class HardwareUsingAgent {
  public static Object agent() {
    return jp.mynaterm.agent.taxi.Tap.Unreadable.class;
  }
}
