package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;
import jp.mynaterm.protocol.Fields;

/** An alert for every terminal (disaster, closure), shown until it expires.
 *
 * @param text the message per language tag (ja, ja-easy, en, zh-CN, ko, pt-BR, vi, tl) */
public record Alert(String alertId, Severity severity, java.util.Map<String, String> text, java.time.Instant expires) implements Body {
  public Alert {
    Fields.text("alertId", alertId);
    required("severity", severity);
    text = map("text", text);
    if (text.isEmpty()) throw new BadValue("text", "must have at least one language");
    required("expires", expires);
  }
}
