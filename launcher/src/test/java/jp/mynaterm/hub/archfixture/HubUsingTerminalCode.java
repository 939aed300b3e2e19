package jp.mynaterm.hub.archfixture;

/** Breaks the architecture on purpose (test only): the hub using terminal code. See ArchitectureRulesCanFailTest. */
public final class HubUsingTerminalCode {
  public static Object terminalCode() {
    return jp.mynaterm.agent.taxi.Tap.Unreadable.class;
  }
}
