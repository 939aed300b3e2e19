package jp.mynaterm.cli;

import picocli.CommandLine;

/** {@code mynaterm --version}: the installed package's version, else that this is a development build. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {Launch.version()};
  }
}
