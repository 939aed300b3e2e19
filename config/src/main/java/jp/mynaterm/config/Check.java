package jp.mynaterm.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** The checks configuration records run in their constructors; each names the field it checks. */
public final class Check {
  private static final Pattern TERMINAL_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern MUNICIPALITY = Pattern.compile("\\d{6}");

  private Check() {}

  public static <T> T required(String field, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new InvalidValue(field, "is required");
    }
    return value;
  }

  public static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  public static int range(String field, Integer value, int min, int max) {
    required(field, value);
    if (value < min || value > max) {
      throw new InvalidValue(field, "must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  public static long range(String field, Long value, long min, long max) {
    required(field, value);
    if (value < min || value > max) {
      throw new InvalidValue(field, "must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  public static Duration positive(String field, Duration value) {
    required(field, value);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidValue(field, "must be longer than zero (got " + DurationText.format(value) + ")");
    }
    return value;
  }

  public static int port(String field, Integer value) {
    return range(field, value, 1, 65535);
  }

  /** Terminal ids go into MQTT topics: lowercase letters, digits and '-', no wildcards or slashes. */
  public static String terminalId(String field, String value) {
    required(field, value);
    if (!TERMINAL_ID.matcher(value).matches()) {
      throw new InvalidValue(field, "must be 1-63 lowercase letters, digits or '-' (got '" + value + "')");
    }
    return value;
  }

  /** The 6-digit 全国地方公共団体コード with its check digit, e.g. 212075 for Mino City. */
  public static String municipality(String field, String value) {
    required(field, value);
    if (!MUNICIPALITY.matcher(value).matches()) {
      throw new InvalidValue(field, "must be the 6-digit municipality code, e.g. 212075 (got '" + value + "')");
    }
    int sum = 0;
    for (int i = 0; i < 5; i++) {
      sum += (value.charAt(i) - '0') * (6 - i);
    }
    int check = (11 - sum % 11) % 10;
    if (check != value.charAt(5) - '0') {
      throw new InvalidValue(field, "check digit is wrong for '" + value + "' (expected " + value.substring(0, 5) + check + ")");
    }
    return value;
  }

  public static String mqttUrl(String field, String value) {
    required(field, value);
    if (!value.matches("(tcp|ssl|ws|wss)://[^/\\s]+(:\\d{1,5})?(/\\S*)?")) {
      throw new InvalidValue(field, "must look like tcp://host:port (ssl://, ws://, wss:// also work) (got '" + value + "')");
    }
    return value;
  }

  public static String jdbcUrl(String field, String value) {
    required(field, value);
    if (!value.startsWith("jdbc:sqlite:") && !value.startsWith("jdbc:postgresql:")) {
      throw new InvalidValue(field, "must start with jdbc:sqlite: or jdbc:postgresql: (got '" + value + "')");
    }
    if (value.startsWith(SqliteUrl.PREFIX) && SqliteUrl.parse(value).inMemory()) {
      throw new InvalidValue(field, "names no file, and a database in memory loses every event when the hub stops: give the file's path, e.g. jdbc:sqlite:/var/lib/mynaterm/hub.db (got '" + value + "')");
    }
    return value;
  }
}
