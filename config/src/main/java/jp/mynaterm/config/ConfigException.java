package jp.mynaterm.config;

/**
 * A configuration problem, said in one line that names the file, the key and what is wrong:
 * {@code config/taxi.yaml: key 'mqtt.url': must start with tcp://, ssl://, ws:// or wss://}.
 * The launcher prints the message and exits with code 2, never a stack trace.
 */
public final class ConfigException extends RuntimeException {
  private final String file;
  private final String key;
  private final String problem;

  public ConfigException(String file, String key, String problem) {
    this(file, key, oneLine(problem), 0);
  }

  private ConfigException(String file, String key, String problem, int unused) {
    super(file + (key == null || key.isEmpty() ? "" : ": key '" + key + "'") + ": " + problem, null, false, false);
    this.file = file;
    this.key = key;
    this.problem = problem;
  }

  /** Parser messages may span lines (a YAML excerpt and a caret); the operator gets one line. */
  private static String oneLine(String text) {
    return text == null ? "invalid" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  public String file() {
    return file;
  }

  /** The dotted path of the key, or empty where the whole file is at fault. */
  public String key() {
    return key == null ? "" : key;
  }

  public String problem() {
    return problem;
  }
}
