package jp.mynaterm.kiosk.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The kiosk's words, one bundle per language: {@code i18n/<tag>.properties} in UTF-8, read with
 * {@link MessageFormat} ({@code {0}} placeholders, {@code ''} for an apostrophe). Pages take every
 * string from here; none is written into a page. やさしい日本語 (easy Japanese) is a language of its
 * own, tagged {@code ja-easy}, since a Java locale variant cannot express it.
 */
public final class Messages {
  /** Gifu's largest resident groups, in the order the language screen shows them. */
  public static final List<String> LANGUAGES = List.of("ja", "ja-easy", "en", "zh-CN", "ko", "pt-BR", "vi", "tl");

  private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();

  private final String tag;
  private final Properties texts;

  private Messages(String tag, Properties texts) {
    this.tag = tag;
    this.texts = texts;
  }

  /** The bundle for a language tag; an unknown tag gets Japanese. */
  public static Messages of(String tag) {
    String t = LANGUAGES.contains(tag) ? tag : "ja";
    return LOADED.computeIfAbsent(t, Messages::load);
  }

  private static Messages load(String tag) {
    String path = "/jp/mynaterm/kiosk/i18n/" + tag + ".properties";
    try (InputStream in = Messages.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing message bundle " + path);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new Messages(tag, p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tag() {
    return tag;
  }

  /** The text for a key with its placeholders filled; a missing key shows as itself, never blank. */
  public String get(String key, Object... args) {
    String pattern = texts.getProperty(key);
    if (pattern == null) return key;
    return new MessageFormat(pattern, Locale.forLanguageTag(tag.equals("ja-easy") ? "ja" : tag)).format(args);
  }

  public Set<String> keys() {
    return texts.stringPropertyNames();
  }

  /** The raw pattern, for checks. */
  public String pattern(String key) {
    return texts.getProperty(key);
  }

  /** All texts, for the page script (keys to patterns). */
  public Map<String, String> all() {
    return keys().stream().collect(Collectors.toMap(k -> k, texts::getProperty));
  }
}
