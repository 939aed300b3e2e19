package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** Settings the hub pushes to a terminal (retained), applied when newer than what it has.
 *
 * @param settings keys and values in the terminal's configuration layout (a subset) */
public record ConfigPush(long version, com.fasterxml.jackson.databind.JsonNode settings) implements Body {
  public ConfigPush {
    positive("version", version);
    required("settings", settings);
  }
}
