package jp.mynaterm.agent.reliability;

import java.nio.file.Path;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.outbox.Appended;

/** A separate agent JVM for the kill -9 test: records events as fast as it can, printing each committed sequence. */
public final class AgentProcess {
  private AgentProcess() {}

  public static void main(String[] args) throws Exception {
    Agent agent = Agent.start(Rig.taxi(Path.of(args[0]), args[1], args[2]), "test");
    for (int i = 0; ; i++) {
      if (agent.record(Rig.ride(i)) instanceof Appended.Committed c) {
        System.out.println("committed " + c.seq());
        System.out.flush();
      }
    }
  }
}
