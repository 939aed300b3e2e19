package jp.mynaterm.agent.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tagalog numbers as a Tagalog speaker says them, for the voice that would read digits in Indonesian. */
class TagalogNumbersTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1; isa", "4; apat", "10; sampu", "11; labing-isa", "15; labinlima", "20; dalawampu", "21; dalawampu't isa", "100; isang daan",
        "250; dalawang daan at limampu", "300; tatlong daan", "400; apat na raan", "1000; isang libo", "1250; isang libo, dalawang daan at limampu",
        "2026; dalawang libo at dalawampu't anim", "0; sero"
      })
  void numbersInWords(long n, String words) {
    assertEquals(words, TagalogNumbers.words(n));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"Ang bayad ay 250 yen (1 kopya); Ang bayad ay dalawang daan at limampu yen (isa kopya)"})
  void numbersInASentence(String text, String said) {
    assertEquals(said, TagalogNumbers.spell(text));
  }
}
