package jp.mynaterm.agent.usage;

import jp.mynaterm.protocol.event.UsageEvent;

/**
 * Where a terminal role records usage events: its outbox. An event is durable when {@link #record}
 * returns; when the outbox cannot take it, {@link RecorderFull} says so and the role shows a fault
 * instead of an OK. Roles depend on this port, so they are tested without a database.
 */
public interface UsageRecorder {
  void record(UsageEvent event) throws RecorderFull;

  /** The outbox cannot take more events (full, or its storage failed); nothing was stored. */
  final class RecorderFull extends Exception {
    public RecorderFull(String message) {
      super(message, null, false, false);
    }
  }
}
