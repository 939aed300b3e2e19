package jp.mynaterm.cli;

import picocli.CommandLine;

/** The version comes from the jar's manifest when packaged, else says it is a development build. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"mynaterm " + (v == null ? "development build" : v)};
  }
}
