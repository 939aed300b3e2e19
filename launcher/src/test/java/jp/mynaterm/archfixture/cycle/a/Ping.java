package jp.mynaterm.archfixture.cycle.a;

/** Half of a package cycle made on purpose (test only). See ArchitectureRulesCanFailTest. */
public final class Ping {
  public static Object other() {
    return jp.mynaterm.archfixture.cycle.b.Pong.class;
  }
}
