package jp.mynaterm.protocol.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  @TempDir Path dir;

  @Test
  void aSecretIsOwnerOnlyFromTheMomentItsTemporaryFileExists() throws Exception {
    Path tmp = dir.resolve("key.p8.tmp");
    try (FileChannel ignored = AtomicFiles.createTemporary(tmp, OWNER_ONLY)) {
      // nothing written yet: had it been created readable and chmod-ed later, this would be rw-r--r--
      assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(tmp));
    }
  }

  @Test
  void aSecretReplacingAReadableFileAndALeftoverTemporaryIsOwnerOnly() throws Exception {
    Path key = dir.resolve("key.p8");
    Files.writeString(key, "old");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Path leftover = dir.resolve("key.p8.tmp");
    Files.writeString(leftover, "from a crash");
    Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-rw-rw-"));

    AtomicFiles.write(key, new byte[] {1, 2, 3}, OWNER_ONLY);

    assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(key));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(key));
    assertFalse(Files.exists(leftover));
  }

  @Test
  void anOrdinaryFileIsReplacedWhole() throws Exception {
    Path file = dir.resolve("sub/state.json");
    AtomicFiles.write(file, "one".getBytes());
    AtomicFiles.write(file, "two".getBytes());
    assertEquals("two", Files.readString(file));
    assertFalse(Files.exists(dir.resolve("sub/state.json.tmp")));
  }
}
