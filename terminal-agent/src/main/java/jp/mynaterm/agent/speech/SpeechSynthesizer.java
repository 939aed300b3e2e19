package jp.mynaterm.agent.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks a terminal's instructions (the kiosk's, the hospital patient page's): Japanese (and やさしい日本語) with Open JTalk, the other languages
 * with eSpeak NG, both generated on the kiosk (no network) and cached as WAV files by language and
 * text, so each sentence is synthesised once. One sentence is made at a time, and the cache keeps the
 * {@code maxCached} most recently used files (the kiosk's sentences with their amounts fit many times
 * over), so no caller can fill the disk or the process table. eSpeak NG 1.51 has no Tagalog voice; Indonesian, the
 * closest in sound and spelling, reads Tagalog text, with its numbers spelled out in Tagalog first
 * ({@link TagalogNumbers}).
 */
public final class SpeechSynthesizer {
  private static final Logger log = LoggerFactory.getLogger(SpeechSynthesizer.class);
  private static final Map<String, String> ESPEAK_VOICES =
      Map.of("en", "en", "zh-CN", "cmn", "ko", "ko", "pt-BR", "pt-br", "vi", "vi", "tl", "id");

  /** The kiosk's instructions times its languages, with room for the amounts and counts they carry. */
  public static final int MAX_CACHED = 500;
  private final Path cacheDir;
  private final int maxCached;
  private final Path openJtalkDictionary;
  private final Path openJtalkVoice;

  /**
   * @param openJtalkDictionary the NAIST dictionary (Debian: /var/lib/mecab/dic/open-jtalk/naist-jdic)
   * @param openJtalkVoice an HTS voice file (.htsvoice)
   */
  public SpeechSynthesizer(Path cacheDir, Path openJtalkDictionary, Path openJtalkVoice) {
    this(cacheDir, openJtalkDictionary, openJtalkVoice, MAX_CACHED);
  }

  public SpeechSynthesizer(Path cacheDir, Path openJtalkDictionary, Path openJtalkVoice, int maxCached) {
    this.cacheDir = cacheDir;
    this.maxCached = maxCached;
    this.openJtalkDictionary = openJtalkDictionary;
    this.openJtalkVoice = openJtalkVoice;
  }

  /** Defaults for Debian with the voice installed by scripts/install-voices.sh. */
  public static SpeechSynthesizer debian(Path home, Path cacheDir) {
    return new SpeechSynthesizer(cacheDir, Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic"), home.resolve("var/voices/mei_normal.htsvoice"));
  }

  /** The WAV file for this text in this language, made if not cached; empty if no engine can. */
  public synchronized Optional<Path> speak(String language, String text) {
    try {
      Path wav = cacheDir.resolve(key(language, text) + ".wav");
      if (Files.exists(wav)) {
        Files.setLastModifiedTime(wav, java.nio.file.attribute.FileTime.from(java.time.Instant.now())); // recently used stays
        return Optional.of(wav);
      }
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "speech", ".wav");
      List<String> command = new ArrayList<>();
      Path input = null;
      if (language.startsWith("ja")) {
        if (!Files.exists(openJtalkVoice) || !Files.isDirectory(openJtalkDictionary)) {
          log.warn("Japanese speech unavailable: no Open JTalk voice or dictionary ({}, {})", openJtalkVoice, openJtalkDictionary);
          Files.deleteIfExists(tmp);
          return Optional.empty();
        }
        input = Files.createTempFile(cacheDir, "speech", ".txt");
        Files.writeString(input, text, StandardCharsets.UTF_8);
        command.addAll(List.of("open_jtalk", "-x", openJtalkDictionary.toString(), "-m", openJtalkVoice.toString(), "-ow", tmp.toString(), input.toString()));
      } else {
        String said = language.equals("tl") ? TagalogNumbers.spell(text) : text; // not in Indonesian numbers
        command.addAll(List.of("espeak-ng", "-v", ESPEAK_VOICES.getOrDefault(language, "en"), "-w", tmp.toString(), said));
      }
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          log.warn("speech synthesis timed out ({})", language);
          return Optional.empty();
        }
        if (p.exitValue() != 0 || Files.size(tmp) < 100) {
          log.warn("speech synthesis failed ({}, exit {})", language, p.exitValue());
          return Optional.empty();
        }
        Files.move(tmp, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        trimCache(wav);
        return Optional.of(wav);
      } finally {
        Files.deleteIfExists(tmp);
        if (input != null) Files.deleteIfExists(input);
      }
    } catch (IOException e) {
      log.warn("speech unavailable: {}", e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Removes the least recently used WAV files beyond {@code maxCached}, never the one just made. */
  private void trimCache(Path keep) throws IOException {
    List<Path> cached;
    try (var files = Files.list(cacheDir)) {
      cached = files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList();
    }
    if (cached.size() <= maxCached) return;
    List<Path> oldestFirst = new ArrayList<>(cached);
    oldestFirst.sort(java.util.Comparator.comparing(SpeechSynthesizer::lastUsed));
    for (Path old : oldestFirst.subList(0, cached.size() - maxCached)) {
      if (!old.equals(keep)) Files.deleteIfExists(old);
    }
  }

  private static java.nio.file.attribute.FileTime lastUsed(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }

  /** How many WAV files the cache holds. */
  public long cachedFiles() throws IOException {
    if (!Files.isDirectory(cacheDir)) return 0;
    try (var files = Files.list(cacheDir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".wav")).count();
    }
  }

  private static String key(String language, String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((language + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return language + "-" + HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
