package jp.mynaterm.kiosk.flow;

import jp.mynaterm.protocol.event.UsageEvent;

/** The terminal's outbox: an event is durable when {@link #record} returns. */
public interface UsageRecorder {
  void record(UsageEvent event) throws RecorderFull;

  /** The outbox cannot take more events: the kiosk shows a fault instead of losing one. */
  final class RecorderFull extends Exception {
    public RecorderFull(String message) {
      super(message, null, false, false);
    }
  }
}
