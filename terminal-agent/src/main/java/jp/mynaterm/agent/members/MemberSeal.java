package jp.mynaterm.agent.members;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.TerminalConfig;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals a service's member numbers (library patron, hospital patient) so that the hub, which relays
 * card links between a service's terminals, cannot read them: the terminals of one service share a
 * key the hub never has ({@code library.memberKey}, {@code hospital.memberKey}).
 *
 * <p>AES-256-GCM-SIV (RFC 8452, BouncyCastle: {@link AesGcmSiv}) with a fixed nonce, so sealing is deterministic: the
 * same number seals to the same text, which the hub's link rules need (one card per member, "this
 * member has a new card"). That is the one thing the hub learns — whether two links name the same
 * member — and RFC 8452 §9 bounds what a repeated nonce gives away to exactly that equality. The
 * service name is bound as associated data, so a sealed patron number is not accepted as a patient's.
 *
 * <p>Services the city runs itself (taxi riders, residents at the kiosk) are not sealed ({@link #NONE}).
 */
public final class MemberSeal {
  private static final Logger log = LoggerFactory.getLogger(MemberSeal.class);
  /** Sealed texts start with this; a text without it is a plain member number. */
  public static final String PREFIX = CardLinked.SEALED_MEMBER;
  /** No key: member numbers go as they are. */
  public static final MemberSeal NONE = new MemberSeal(null);
  private static final int KEY_BYTES = 32;
  private static final byte[] NONCE = new byte[12];

  private final byte[] key;

  private MemberSeal(byte[] key) {
    this.key = key;
  }

  /** A key as 64 hex digits (a file made by {@link #createKeyFile}). */
  public static MemberSeal withKey(String hexKey) {
    byte[] k;
    try {
      k = HexFormat.of().parseHex(hexKey.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a member key is 64 hex digits");
    }
    if (k.length != KEY_BYTES) throw new IllegalArgumentException("a member key is 64 hex digits (32 bytes), not " + k.length * 2);
    return new MemberSeal(k);
  }

  public static MemberSeal fromFile(Path file) throws IOException {
    try {
      return withKey(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  /**
   * The seal a counter terminal's configuration gives for {@code key} ({@code library.memberKey}, …):
   * the configured file; none configured is refused outside development mode, and in development a
   * key is made once in the terminal's data directory (a demo has one terminal per service).
   */
  public static MemberSeal configured(TerminalConfig config, String key, String file) {
    String source = config.role().key() + " configuration";
    config.requireOutsideDevelopment(key, !file.isEmpty(), "the service's member key file (./mynaterm agent member-key FILE, the same file on every terminal of the service)");
    Path path = file.isEmpty() ? config.terminal().dataPath().resolve("member-key") : Path.of(file);
    try {
      if (file.isEmpty() && !Files.exists(path)) {
        createKeyFile(path);
        log.warn("development: made a member key in {}; terminals of one service must share one key file", path);
      }
      if (!Files.isReadable(path)) throw new ConfigException(source, key, "no such file: " + path);
      return fromFile(path);
    } catch (IOException e) {
      throw new ConfigException(source, key, e.getMessage());
    }
  }

  /** Writes a new random key, owner-only; every terminal of the service gets a copy of this file. */
  public static void createKeyFile(Path file) throws IOException {
    byte[] k = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(k);
    AtomicFiles.write(file, (HexFormat.of().formatHex(k) + "\n").getBytes(StandardCharsets.US_ASCII), PosixFilePermissions.fromString("rw-------"));
  }

  public String seal(String service, String member) {
    if (key == null) return member;
    byte[] sealed = AesGcmSiv.seal(key, NONCE, service.getBytes(StandardCharsets.UTF_8), member.getBytes(StandardCharsets.UTF_8));
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  /**
   * The member number behind a sealed text; empty when this key did not seal it (another key, another
   * service, altered) or when a service with a key meets a plain number (sealing is not optional).
   */
  public Optional<String> open(String service, String text) {
    if (key == null) return text.startsWith(PREFIX) ? Optional.empty() : Optional.of(text);
    if (!text.startsWith(PREFIX)) return Optional.empty();
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return AesGcmSiv.open(key, NONCE, service.getBytes(StandardCharsets.UTF_8), sealed).map(plain -> new String(plain, StandardCharsets.UTF_8));
  }

  public boolean seals() {
    return key != null;
  }
}
