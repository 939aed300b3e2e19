package jp.mynaterm.config;

/**
 * Thrown by a configuration record's constructor when one of its own fields is wrong. The loader
 * turns it into a {@link ConfigException} with the full dotted key, since only it knows the path.
 */
public final class InvalidValue extends IllegalArgumentException {
  private final String field;

  public InvalidValue(String field, String problem) {
    super(problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
