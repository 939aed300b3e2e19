package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgent an alert is: terminals show warnings and emergencies over whatever is on screen. */
public enum Severity {
  @JsonProperty("info")
  INFO,
  @JsonProperty("warning")
  WARNING,
  @JsonProperty("emergency")
  EMERGENCY
}
