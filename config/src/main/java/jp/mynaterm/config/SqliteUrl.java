package jp.mynaterm.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a {@code jdbc:sqlite:} URL names, read as the driver and SQLite read it: the file (a plain path,
 * or SQLite's URI form {@code file:PATH}, {@code file:///PATH}, {@code file://localhost/PATH}, escaped
 * with %) and the settings after {@code ?}. The one reader of such URLs: the configuration's check and
 * the hub's set-up, backup and restore of the file agree on which file it is.
 *
 * @param file the file's name as given ("" or {@code :memory:} for a database in memory)
 * @param settings what follows {@code ?}, "" if nothing
 */
public record SqliteUrl(String file, String settings) {
  public static final String PREFIX = "jdbc:sqlite:";

  /** {@code url}, which starts with {@link #PREFIX}. */
  public static SqliteUrl parse(String url) {
    String name = url.substring(PREFIX.length());
    int query = name.indexOf('?');
    String settings = query < 0 ? "" : name.substring(query + 1);
    if (query >= 0) name = name.substring(0, query);
    return new SqliteUrl(name.startsWith("file:") ? uriPath(name.substring("file:".length())) : name, settings);
  }

  /** SQLite's names for a database in memory: none at all, {@code :memory:}, or a URI's {@code mode=memory}. */
  public boolean inMemory() {
    return file.isEmpty() || file.equals(":memory:") || settings.matches("(.*&)?mode=memory(&.*)?");
  }

  /** The path of a URI's remainder after {@code file:}: without its fragment and authority, unescaped. */
  private static String uriPath(String rest) {
    int fragment = rest.indexOf('#');
    if (fragment >= 0) rest = rest.substring(0, fragment);
    if (rest.startsWith("//")) {
      int path = rest.indexOf('/', 2); // after the authority ("" or localhost)
      rest = path < 0 ? "" : rest.substring(path);
    }
    // URLDecoder is for forms, where '+' is a space; in a URI it is a plus.
    return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
