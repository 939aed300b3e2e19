package jp.mynaterm.protocol.codec;

/**
 * Why a payload was not a message, specifically enough to count and to log once.
 *
 * @param path the dotted path of the field at fault ({@code body.events[0].seq}), empty if none
 * @param detail a short explanation; never echoes the payload itself
 */
public record DecodeError(Reason reason, String path, String detail) {

  public enum Reason {
    /** Larger than the codec accepts. */
    TOO_LARGE,
    /** Not JSON, or not a JSON object, or not UTF-8. */
    NOT_JSON,
    /** A schema version this side does not speak. */
    UNKNOWN_SCHEMA_VERSION,
    /** A {@code kind} or {@code type} this version does not know. */
    UNKNOWN_KIND,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (text for a number, …). */
    WRONG_TYPE,
    /** A field has the right type but a value outside the contract. */
    INVALID_VALUE;

    /** The counted name: {@code too-large}, {@code not-json}, … */
    public String key() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  @Override
  public String toString() {
    return reason.key() + (path.isEmpty() ? "" : " at " + path) + ": " + detail;
  }
}
