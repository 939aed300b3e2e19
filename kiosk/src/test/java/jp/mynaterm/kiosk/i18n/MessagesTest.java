package jp.mynaterm.kiosk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessageFormat;
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
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\s*[,}]");

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

  @Test
  void countsTakeTheirLanguagesPluralForms() {
    Messages en = Messages.of("en");
    assertEquals("The fee is 250 yen (1 copy)", en.get("fee.show", 250, 1));
    assertEquals("The fee is 500 yen (2 copies)", en.get("fee.show", 500, "2"), "counts from the page are text");
    assertEquals("You can try 1 more time", en.get("pin.triesLeft", 1));
    assertEquals("You can try 2 more times", en.get("pin.triesLeft", 2));
    assertEquals("Você ainda tem 1 tentativa", Messages.of("pt-BR").get("pin.triesLeft", 1));
    assertEquals("A taxa é de 250 ienes (1 cópia)", Messages.of("pt-BR").get("fee.show", 250, 1));
    assertEquals("Fiscal year 2026", en.get("options.fiscalYearLabel", "2026"), "a year is not a count: no grouping");
  }

  @Test
  void certificatesAreCountedIn通Throughout() {
    for (String tag : java.util.List.of("ja", "ja-easy")) {
      Messages m = Messages.of(tag);
      for (String key : m.keys()) assertFalse(m.get(key).contains("枚"), tag + " " + key + " counts in 枚: " + m.get(key));
      assertTrue(m.get("fee.show", 250, 1).contains("1通"), tag);
      assertTrue(m.get("options.copiesMore").contains("通"), tag);
    }
  }

  @Test
  void easyJapaneseWritesSimpleKanjiWithTheirReading() {
    Messages easy = Messages.of("ja-easy");
    assertEquals("<ruby>証明書<rt>しょうめいしょ</rt></ruby>を <ruby>取<rt>と</rt></ruby>って ください", easy.pattern("print.takeCertificate"));
    assertEquals("証明書を 取って ください", easy.get("print.takeCertificate"), "shown and matched as plain text");
    assertEquals("しょうめいしょを とって ください", easy.spoken("print.takeCertificate"), "spoken by its reading");
    long withKanji = easy.keys().stream().filter(k -> easy.pattern(k).contains("<ruby>")).count();
    assertTrue(withKanji > easy.keys().size() / 2, "not all hiragana: " + withKanji + " of " + easy.keys().size());
    for (String key : easy.keys()) {
      String bare = easy.pattern(key).replaceAll("<ruby>[^<]*<rt>[^<]*</rt></ruby>", "");
      assertFalse(bare.matches("(?s).*[\\u4E00-\\u9FFF].*"), "every kanji has its reading: " + key);
      assertFalse(bare.contains("<"), "ruby is the only markup: " + key);
    }
  }
}
