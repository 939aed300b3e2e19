package jp.mynaterm.kiosk.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The kiosk's words, one bundle per language: {@code i18n/<tag>.properties} in UTF-8, read with ICU's
 * {@link MessageFormat} ({@code {0}} placeholders, {@code {0, plural, one {…} other {…}}} by the
 * language's CLDR plural rules, {@code ''} for an apostrophe). Pages take every string from here; none
 * is written into a page. やさしい日本語 (easy Japanese) is a language of its own, tagged
 * {@code ja-easy}, since a Java locale variant cannot express it; its kanji carry their reading as
 * {@code <ruby>漢字<rt>かんじ</rt></ruby>}, the only markup a text may hold.
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

  private static final Pattern RUBY = Pattern.compile("<ruby>([^<]*)<rt>([^<]*)</rt></ruby>");
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}");

  /**
   * The text for a key with its placeholders filled, as plain text (kanji without their ruby); a
   * missing key shows as itself, never blank.
   */
  public String get(String key, Object... args) {
    return RUBY.matcher(format(key, args)).replaceAll("$1");
  }

  /** The text as it is spoken: where a kanji carries its reading, the reading (what the ruby says). */
  public String spoken(String key, Object... args) {
    return RUBY.matcher(format(key, args)).replaceAll("$2");
  }

  private String format(String key, Object... args) {
    String pattern = texts.getProperty(key);
    if (pattern == null) return key;
    // Counts arrive as text from the page: as numbers they choose the plural form (only there, so a
    // fiscal year stays "2026", not "2,026").
    Object[] values = args.clone();
    if (pattern.contains("plural")) {
      for (int i = 0; i < args.length; i++) if (args[i] instanceof String a && NUMBER.matcher(a).matches()) values[i] = Long.parseLong(a);
    }
    return new MessageFormat(pattern, ULocale.forLanguageTag(tag.equals("ja-easy") ? "ja" : tag.equals("tl") ? "fil" : tag)).format(values);
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
