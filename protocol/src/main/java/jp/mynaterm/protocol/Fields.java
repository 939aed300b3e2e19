package jp.mynaterm.protocol;

/** Checks message records run in their constructors; the codec turns failures into typed errors. */
public final class Fields {
  private Fields() {}

  /** A required field that the sender left out. */
  public static final class MissingField extends IllegalArgumentException {
    private final String field;

    public MissingField(String field) {
      super("missing field '" + field + "'");
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** A field whose value is outside what the contract allows. */
  public static final class BadValue extends IllegalArgumentException {
    private final String field;

    public BadValue(String field, String problem) {
      super("field '" + field + "' " + problem);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public static <T> T required(String field, T value) {
    if (value == null) throw new MissingField(field);
    return value;
  }

  public static String text(String field, String value) {
    required(field, value);
    if (value.isBlank()) throw new BadValue(field, "must not be empty");
    return value;
  }

  public static long nonNegative(String field, long value) {
    if (value < 0) throw new BadValue(field, "must not be negative (got " + value + ")");
    return value;
  }

  public static long positive(String field, long value) {
    if (value < 1) throw new BadValue(field, "must be 1 or more (got " + value + ")");
    return value;
  }

  public static <T> java.util.List<T> list(String field, java.util.List<T> value) {
    return java.util.List.copyOf(required(field, value));
  }

  public static <K, V> java.util.Map<K, V> map(String field, java.util.Map<K, V> value) {
    return java.util.Map.copyOf(required(field, value));
  }
}
