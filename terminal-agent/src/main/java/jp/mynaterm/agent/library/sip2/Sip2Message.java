package jp.mynaterm.agent.library.sip2;

import java.util.List;
import java.util.Optional;

/**
 * One SIP2 message without its error-detection trailer: the command code, its fixed-length part
 * (dates, flags, counts; its length depends on the command), and the variable fields in order.
 */
public record Sip2Message(String command, String fixed, List<Field> fields) {
  public Sip2Message {
    if (command == null || !command.matches("\\d\\d")) throw new IllegalArgumentException("command must be two digits");
    fixed = fixed == null ? "" : fixed;
    fields = List.copyOf(fields);
  }

  /** A variable field: a 2-letter code and its value (which never holds '|' or CR). */
  public record Field(String code, String value) {
    public Field {
      if (code == null || !code.matches("[A-Z]{2}")) throw new IllegalArgumentException("field code must be two capital letters");
      if (value == null) value = "";
      if (value.indexOf('|') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("field " + code + " must not contain '|' or line breaks");
      }
    }
  }

  public Optional<String> field(String code) {
    return fields.stream().filter(f -> f.code().equals(code)).map(Field::value).findFirst();
  }

  /** Every value of a field that may repeat (64's AS hold items, AU charged items), in order. */
  public List<String> fields(String code) {
    return fields.stream().filter(f -> f.code().equals(code)).map(Field::value).toList();
  }

  /** A single-character flag of the fixed part, at a 0-based position. */
  public char flag(int position) {
    return position < fixed.length() ? fixed.charAt(position) : ' ';
  }
}
