package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether an alert interrupts what a terminal is doing. {@code high}: at once, over a resident's
 * session at the kiosk (an evacuation cannot wait for a certificate to print); {@code normal}: when
 * the terminal is next idle (the kiosk's start screen). Counters and taxis show both at once in
 * their banner; several active alerts are shown high first.
 */
public enum AlertPriority {
  @JsonProperty("high")
  HIGH,
  @JsonProperty("normal")
  NORMAL;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
