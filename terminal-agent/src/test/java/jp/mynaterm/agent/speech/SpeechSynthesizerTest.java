package jp.mynaterm.agent.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speech cache: each sentence made once, and never more files than the bound. */
class SpeechSynthesizerTest {
  @TempDir Path dir;

  @Test
  void theCacheKeepsOnlyTheMostRecentlyUsedSentences() throws Exception {
    Path cache = dir.resolve("cache");
    SpeechSynthesizer speech = new SpeechSynthesizer(cache, Path.of("/none"), Path.of("/none"), 2);
    Path first = speech.speak("en", "The fee is 300 yen").orElseThrow(() -> new AssertionError("espeak-ng (Debian package espeak-ng) is needed"));
    assertEquals(first, speech.speak("en", "The fee is 300 yen").orElseThrow(), "a sentence is made once");
    speech.speak("en", "The fee is 600 yen").orElseThrow();
    speech.speak("en", "The fee is 900 yen").orElseThrow();
    assertEquals(2, speech.cachedFiles());
    assertTrue(!Files.exists(first), "the least recently used sentence went");
  }

  /** The installation's Japanese voice (scripts/install-voices.sh puts it there; ./mynaterm test runs it). */
  private static final Path VOICE = Path.of("..", "var", "voices", "mei_normal.htsvoice").toAbsolutePath().normalize();

  /**
   * Every language is spoken, not only answered "unavailable": a WAV whose length fits the sentence
   * (a second or more, well under the 20 s a sentence could take), Japanese and やさしい日本語 by Open
   * JTalk with the installed voice, the rest by eSpeak NG.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.FieldSource("jp.mynaterm.agent.hospital.ReceptionServer#LANGUAGES")
  void everyLanguageIsSpokenAsAWavOfPlausibleLength(String lang) throws Exception {
    assertTrue(Files.exists(VOICE), "the Japanese voice is missing at " + VOICE + ": run scripts/install-voices.sh");
    // The kiosk's eight languages, in a sentence the hospital's patient page says.
    String sentence = jp.mynaterm.agent.counter.CounterPage.messages("/jp/mynaterm/agent/hospital/web", "/jp/mynaterm/agent/hospital/patient", lang)
        .get("checkin.done").replace("{0}", "250");
    SpeechSynthesizer speech = new SpeechSynthesizer(dir.resolve("cache"), Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic"), VOICE);
    Path wav = speech.speak(lang, sentence).orElseThrow(() -> new AssertionError(lang + " was not spoken (open-jtalk, espeak-ng installed?)"));
    double seconds = seconds(wav);
    assertTrue(seconds > 1 && seconds < 20, lang + ": " + seconds + " s for \"" + sentence + "\"");
  }

  @Test
  void tagalogNumbersAreSaidInTagalogWords() throws Exception {
    SpeechSynthesizer speech = new SpeechSynthesizer(dir.resolve("cache"), Path.of("/none"), Path.of("/none"));
    byte[] digits = Files.readAllBytes(speech.speak("tl", "Ang bayad ay 250 yen").orElseThrow());
    byte[] words = Files.readAllBytes(speech.speak("tl", "Ang bayad ay dalawang daan at limampu yen").orElseThrow());
    assertTrue(java.util.Arrays.equals(digits, words), "250 is said \"dalawang daan at limampu\", not in the Indonesian voice's numbers");
  }

  /** The length of a PCM WAV file from its header: data bytes over bytes per second. */
  private static double seconds(Path wav) throws java.io.IOException {
    byte[] b = Files.readAllBytes(wav);
    assertEquals("RIFF", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals("WAVE", new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
    var h = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int byteRate = h.getInt(28);
    return (b.length - 44) / (double) byteRate;
  }
}
