package jp.mynaterm.agent.usage;

import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.outbox.Appended;
import jp.mynaterm.protocol.event.UsageEvent;

/** The roles' {@link UsageRecorder} in a running terminal: the agent's outbox. */
public final class AgentRecorder implements UsageRecorder {
  private final Agent agent;

  public AgentRecorder(Agent agent) {
    this.agent = agent;
  }

  @Override
  public void record(UsageEvent event) throws RecorderFull {
    if (agent.record(event) instanceof Appended.Refused refused) {
      throw new RecorderFull(refused.reason() + ": " + refused.detail());
    }
  }
}
