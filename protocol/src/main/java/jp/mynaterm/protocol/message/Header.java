package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.required;
import static jp.mynaterm.protocol.Fields.text;

import jp.mynaterm.protocol.Fields;
import jp.mynaterm.protocol.time.Stamp;

/**
 * @param id a time-ordered message id (UUID version 7), unique per message
 * @param terminal the terminal the message is from (up branch) or for (down branch); {@code *} on broadcasts
 * @param municipality the 6-digit municipality code
 * @param time when the sender sent it
 */
public record Header(String id, String terminal, String municipality, Stamp time) {
  public Header {
    text("id", id);
    text("terminal", terminal);
    text("municipality", municipality);
    if (!municipality.matches("\\d{6}")) throw new Fields.BadValue("municipality", "must be 6 digits");
    required("time", time);
  }
}
