package jp.mynaterm.kiosk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.MessageFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** Every language says everything Japanese says, with the same placeholders: nobody left behind. */
class MessagesTest {
  static final java.util.List<String> LANGUAGES = Messages.LANGUAGES;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

  @ParameterizedTest
  @FieldSource("LANGUAGES")
  void everyLanguageHasEveryKeyWithTheSamePlaceholders(String tag) {
    Messages ja = Messages.of("ja");
    Messages m = Messages.of(tag);
    assertEquals(tag, m.tag());
    assertEquals(new TreeSet<>(ja.keys()), new TreeSet<>(m.keys()), tag);
    for (String key : ja.keys()) {
      String p = m.pattern(key);
      assertFalse(p.isBlank(), tag + " " + key);
      assertEquals(placeholders(ja.pattern(key)), placeholders(p), tag + " " + key);
      new MessageFormat(p); // throws on a malformed pattern
    }
  }

  @ParameterizedTest
  @FieldSource("LANGUAGES")
  void placeholdersAreFilled(String tag) {
    String fee = Messages.of(tag).get("fee.show", 250, 1);
    assertFalse(fee.contains("{"), fee);
    assertFalse(fee.contains("''"), "apostrophes render once: " + fee);
  }

  @Test
  void languagesDiffer() {
    assertNotEquals(Messages.of("ja").get("card.prompt"), Messages.of("ja-easy").get("card.prompt"));
    assertEquals(Messages.LANGUAGES.size(), Messages.LANGUAGES.stream().map(t -> Messages.of(t).get("lang.name")).distinct().count());
  }

  @Test
  void anUnknownLanguageFallsBackToJapaneseAndAnUnknownKeyShowsItself() {
    assertEquals("ja", Messages.of("xx").tag());
    assertEquals("no.such.key", Messages.of("en").get("no.such.key"));
  }

  private static Set<String> placeholders(String pattern) {
    Set<String> s = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) s.add(m.group(1));
    return s;
  }
}
