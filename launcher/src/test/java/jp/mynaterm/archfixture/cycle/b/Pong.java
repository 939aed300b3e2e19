package jp.mynaterm.archfixture.cycle.b;

/** The other half of a package cycle made on purpose (test only). See ArchitectureRulesCanFailTest. */
public final class Pong {
  public static Object other() {
    return jp.mynaterm.archfixture.cycle.a.Ping.class;
  }
}
