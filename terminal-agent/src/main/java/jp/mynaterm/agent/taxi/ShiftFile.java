package jp.mynaterm.agent.taxi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jp.mynaterm.protocol.io.AtomicFiles;

/**
 * The open shift on disk, replaced atomically after each change, so a vehicle that loses power keeps
 * its shift. The rides themselves are in the outbox first; this file only sums them for the driver's
 * summary, and the hub can always recount from the rides.
 */
public final class ShiftFile {
  private final Path file;

  public ShiftFile(Path file) {
    this.file = file;
  }

  public Optional<Shift> load() throws IOException {
    if (!Files.exists(file)) return Optional.empty();
    return Optional.of(AtomicFiles.readJson(file, Shift.class));
  }

  public void save(Shift shift) throws IOException {
    AtomicFiles.writeJson(file, shift);
  }

  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }
}
