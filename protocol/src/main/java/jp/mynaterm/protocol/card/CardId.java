package jp.mynaterm.protocol.card;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import jp.mynaterm.protocol.Fields;

/**
 * A card's pseudonymous identity: 26 characters of RFC 4648 base32. It is derived from the
 * user-authentication certificate (see {@link CardIds}), never from the My Number, and is the only
 * way terminals and the hub know a card.
 */
public record CardId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Z2-7]{26}");

  @JsonCreator
  public CardId {
    Fields.required("cardId", value);
    if (!FORM.matcher(value).matches()) {
      throw new Fields.BadValue("cardId", "must be 26 characters of A-Z and 2-7");
    }
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
