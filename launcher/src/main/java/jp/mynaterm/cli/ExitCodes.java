package jp.mynaterm.cli;

/** Exit codes shared by every command. Commands with more outcomes document theirs in --help. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Something went wrong at run time (a device, the network, a peer). */
  public static final int FAILURE = 1;
  /** Bad command line or configuration, or a command that is not built yet. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
