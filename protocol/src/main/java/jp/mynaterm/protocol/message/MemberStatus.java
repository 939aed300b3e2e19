package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a member may use the service now. */
public enum MemberStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("suspended")
  SUSPENDED
}
