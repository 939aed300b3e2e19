package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.mynaterm.protocol.Fields;

/**
 * An alert for terminals (disaster, closure), shown until it expires or is withdrawn
 * ({@link AlertWithdrawn}). Senders from before targets and priority sent neither: such an alert is
 * for every terminal, at normal priority.
 *
 * @param text the message per language tag (ja, ja-easy, en, zh-CN, ko, pt-BR, vi, tl)
 * @param targets which terminals it is for (the hub sends it to those only)
 * @param priority whether it interrupts what the terminal is doing
 */
public record Alert(String alertId, Severity severity, Map<String, String> text, Instant expires, AlertTargets targets, AlertPriority priority)
    implements Body {
  /** The languages staff must write an alert in: Japanese, easy Japanese (やさしい日本語) and English. */
  public static final List<String> REQUIRED_LANGUAGES = List.of("ja", "ja-easy", "en");

  public Alert {
    Fields.text("alertId", alertId);
    required("severity", severity);
    text = map("text", text);
    if (text.isEmpty()) throw new BadValue("text", "must have at least one language");
    for (var e : text.entrySet()) if (e.getValue() == null || e.getValue().isBlank()) throw new BadValue("text." + e.getKey(), "must not be empty");
    required("expires", expires);
    targets = targets == null ? AlertTargets.ALL : targets;
    priority = priority == null ? AlertPriority.NORMAL : priority;
  }

  /** For every terminal, at normal priority. */
  public Alert(String alertId, Severity severity, Map<String, String> text, Instant expires) {
    this(alertId, severity, text, expires, AlertTargets.ALL, AlertPriority.NORMAL);
  }

  /** The text in {@code language}, else Japanese, else any. */
  public String text(String language) {
    String t = text.get(language);
    if (t == null) t = text.get("ja");
    return t != null ? t : text.values().iterator().next();
  }
}
