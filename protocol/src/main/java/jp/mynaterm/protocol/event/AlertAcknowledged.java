package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A terminal has an alert: stored ({@code received}), then on its screen ({@code shown}). Through the
 * outbox like every event, so it reaches the hub once in effect even if the terminal goes offline
 * right after; the hub keeps the first time of each stage per alert and terminal.
 */
public record AlertAcknowledged(String alertId, Stage stage) implements UsageEvent {
  public enum Stage {
    @JsonProperty("received")
    RECEIVED,
    @JsonProperty("shown")
    SHOWN
  }

  public AlertAcknowledged {
    text("alertId", alertId);
    required("stage", stage);
  }
}
