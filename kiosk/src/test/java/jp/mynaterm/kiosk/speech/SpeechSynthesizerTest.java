package jp.mynaterm.kiosk.speech;

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
}
