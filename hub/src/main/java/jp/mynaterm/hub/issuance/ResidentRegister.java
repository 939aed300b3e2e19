package jp.mynaterm.hub.issuance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident register as the hub issues from it: residents by id, by the user-authentication
 * certificate the city issued on their card, and by household. Read from the city's extract
 * ({@link ResidentRegisterCsv}) at start, and read again when the file changes, so a renewed
 * certificate (a new serial on the next extract) is found without restarting the hub. A changed file
 * that is not clean is refused whole and the register read before stays in use.
 */
public final class ResidentRegister {
  private static final Logger log = LoggerFactory.getLogger(ResidentRegister.class);
  public static final String KEY = "issuance.residents";

  /** One extract's content, indexed. */
  private record Snapshot(Map<String, Resident> byId, Map<Resident.UserAuthCertificate, Resident> byCertificate) {
    static Snapshot of(Collection<Resident> residents) {
      Map<String, Resident> byId = new HashMap<>();
      Map<Resident.UserAuthCertificate, Resident> byCertificate = new HashMap<>();
      for (Resident r : residents) {
        byId.put(r.residentId(), r);
        if (r.userAuth() != null) byCertificate.put(r.userAuth(), r);
      }
      return new Snapshot(Map.copyOf(byId), Map.copyOf(byCertificate));
    }
  }

  /** The file and the version of it last looked at (null for a fixed register). */
  private final Path file;
  private FileTime seenModified;
  private long seenSize;
  private volatile Snapshot snapshot;

  private ResidentRegister(Path file, Snapshot snapshot) {
    this.file = file;
    this.snapshot = snapshot;
  }

  /** A register that never changes (tests, an empty {@code issuance.residents}). */
  public static ResidentRegister of(Collection<Resident> residents) {
    return new ResidentRegister(null, Snapshot.of(residents));
  }

  /**
   * The extract in {@code file}, read now and again whenever it changes.
   *
   * @throws ConfigException naming {@link #KEY}, the file and the first problem, when it cannot be read or is not clean
   */
  public static ResidentRegister watching(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    ResidentRegister register = new ResidentRegister(absolute, null);
    register.snapshot = Snapshot.of(register.readClean());
    return register;
  }

  public int size() {
    return current().byId().size();
  }

  public Optional<Resident> byId(String residentId) {
    return Optional.ofNullable(current().byId().get(residentId));
  }

  /** The resident the city issued this user-authentication certificate to, per the newest clean extract. */
  public Optional<Resident> byCertificate(Resident.UserAuthCertificate certificate) {
    return Optional.ofNullable(current().byCertificate().get(certificate));
  }

  /** Everyone recorded under the household id, moved-out and deceased included (callers choose). */
  public List<Resident> household(String householdId) {
    return current().byId().values().stream().filter(p -> p.householdId().equals(householdId)).toList();
  }

  private Snapshot current() {
    if (file != null) reloadIfChanged();
    return snapshot;
  }

  /** A stat per request: cheap next to a card signature, and a new extract counts at the next resident. */
  private synchronized void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (modified.equals(seenModified) && size == seenSize) return;
      snapshot = Snapshot.of(readClean());
      log.info("resident register: {} residents read again from {}", snapshot.byId().size(), file);
    } catch (IOException | ConfigException e) {
      // The register read before stays: a half-written or bad export never replaces a good one.
      log.warn("resident register: {} not read again, the earlier one stays in use: {}", file, e.getMessage());
      rememberVersion();
    }
  }

  private List<Resident> readClean() {
    rememberVersion();
    ResidentRegisterCsv.Result read;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read = ResidentRegisterCsv.read(reader, file.getParent());
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), KEY, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), KEY, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (!read.clean()) throw new ConfigException(file.toString(), KEY, CsvExtract.summary(read.problems()));
    return read.residents();
  }

  /** Taken before reading, so a file changed while it is read is read again next time. */
  private void rememberVersion() {
    try {
      seenModified = Files.getLastModifiedTime(file);
      seenSize = Files.size(file);
    } catch (IOException e) {
      seenModified = null;
    }
  }
}
