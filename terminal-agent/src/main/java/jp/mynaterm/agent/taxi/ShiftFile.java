package jp.mynaterm.agent.taxi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import jp.mynaterm.protocol.codec.MessageCodec;

/**
 * The open shift on disk, replaced atomically after each change, so a vehicle that loses power keeps
 * its shift. The rides themselves are in the outbox first; this file only sums them for the driver's
 * summary, and the hub can always recount from the rides.
 */
public final class ShiftFile {
  private static final ObjectMapper JSON = MessageCodec.mapper();
  private final Path file;

  public ShiftFile(Path file) {
    this.file = file;
  }

  public Optional<Shift> load() throws IOException {
    if (!Files.exists(file)) return Optional.empty();
    return Optional.of(JSON.readValue(file.toFile(), Shift.class));
  }

  public void save(Shift shift) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), shift);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }
}
