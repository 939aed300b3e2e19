package jp.mynaterm.hub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The console's words in one language: the shell's bundle and each section's, merged (a section's
 * keys start with its id, so they do not collide). Placeholders are {0}, {1}, … replaced as given.
 */
public final class Messages {
  /** Japanese first: the console opens in Japanese until someone presses the English button. */
  public static final List<String> LANGUAGES = List.of("ja", "en");
  static final String SHELL = "jp/mynaterm/hub/console/messages";

  private final String lang;
  private final Map<String, String> texts;

  private Messages(String lang, Map<String, String> texts) {
    this.lang = lang;
    this.texts = texts;
  }

  /** Loads the bundles (base names) for each language. */
  static Map<String, Messages> load(List<String> bundles) {
    Map<String, Messages> out = new HashMap<>();
    for (String lang : LANGUAGES) {
      Map<String, String> texts = new HashMap<>();
      for (String bundle : bundles) {
        String path = bundle + "_" + lang + ".properties";
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
          if (in == null) continue; // a section without words of its own
          Properties p = new Properties();
          p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          p.forEach((k, v) -> texts.put((String) k, (String) v));
        } catch (IOException e) {
          throw new UncheckedIOException(path, e);
        }
      }
      out.put(lang, new Messages(lang, Collections.unmodifiableMap(texts)));
    }
    return out;
  }

  public String lang() {
    return lang;
  }

  /** The text for {@code key} with {@code args} in place of {0}, {1}, …; the key itself when missing (seen at once on the page). */
  public String t(String key, Object... args) {
    String s = texts.getOrDefault(key, key);
    for (int i = 0; i < args.length; i++) s = s.replace("{" + i + "}", String.valueOf(args[i]));
    return s;
  }

  public Set<String> keys() {
    return texts.keySet();
  }
}
