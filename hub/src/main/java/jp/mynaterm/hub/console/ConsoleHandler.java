package jp.mynaterm.hub.console;

/** A console page or action; the shell has checked the session, the roles and (for a POST) the CSRF token. */
@FunctionalInterface
public interface ConsoleHandler {
  void handle(ConsoleRequest request) throws Exception;
}
