package jp.mynaterm.agent.faults;

import java.nio.file.Path;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.hub.Hub;

/**
 * A hub, with its embedded broker, in a process of its own, for a test to kill with SIGKILL:
 * {@code args[0]} its data directory (with the PKI the test made there), {@code args[1]} the broker's
 * port. Prints "started" once it takes connections, then runs until killed.
 */
public final class HubProcess {
  private HubProcess() {}

  public static void main(String[] args) throws Exception {
    Hub hub = Hub.start(Rig.hubConfig(Path.of(args[0]), Integer.parseInt(args[1])));
    System.out.println("started " + hub.getClass().getSimpleName());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
