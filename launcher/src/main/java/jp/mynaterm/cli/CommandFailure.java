package jp.mynaterm.cli;

/** A failure a command explains in one line with its own exit code; no stack trace is shown. */
public final class CommandFailure extends RuntimeException {
  private final int exitCode;

  public CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** For commands whose issue has not been built yet. */
  public static CommandFailure notBuiltYet(String command) {
    return new CommandFailure(
        ExitCodes.USAGE, "'" + command + "' is not built yet / まだ実装されていません");
  }
}
