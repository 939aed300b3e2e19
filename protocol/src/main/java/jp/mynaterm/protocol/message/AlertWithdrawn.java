package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/**
 * Staff withdrew an alert before it expired: terminals stop showing it. Sent to the terminals the
 * alert was for, and again with a ListSync to those that were away until the alert would have expired.
 */
public record AlertWithdrawn(String alertId) implements Body {
  public AlertWithdrawn {
    text("alertId", alertId);
  }
}
