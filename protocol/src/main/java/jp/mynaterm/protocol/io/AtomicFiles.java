package jp.mynaterm.protocol.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import jp.mynaterm.protocol.codec.MessageCodec;

/**
 * Small files that must survive a power cut whole (a taxi's shift, queue numbers, keys, ledgers):
 * written to a temporary file, forced to disk, renamed over the old one, and the directory forced
 * too, so after a crash the file is either the old one or the new one, never empty or half. Here,
 * below every module that keeps such files, so there is one way to do it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, bytes, null);
  }

  /**
   * @param ownerOnly permissions for a secret (e.g. rw-------), given to the temporary file as it is
   *     created, so the secret is never readable by others, not even for a moment; null for none
   */
  public static void write(Path file, byte[] bytes, Set<PosixFilePermission> ownerOnly) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch = createTemporary(tmp, ownerOnly)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) ch.write(buffer);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself, on Linux
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms cannot open a directory; the rename is still atomic there
    }
  }

  /**
   * A new, empty temporary file with its permissions set by the create call itself (the umask can
   * only narrow them). A leftover from a crash is removed first: reusing it would keep whatever
   * permissions it had.
   */
  static FileChannel createTemporary(Path tmp, Set<PosixFilePermission> ownerOnly) throws IOException {
    Files.deleteIfExists(tmp);
    Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (ownerOnly == null || !posix) {
      // not a POSIX file system: the directory's permissions protect a secret
      return FileChannel.open(tmp, options);
    }
    return FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(ownerOnly));
  }

  /** A record as JSON (the protocol's mapper), written as above. */
  public static void writeJson(Path file, Object value) throws IOException {
    write(file, MessageCodec.mapper().writeValueAsBytes(value));
  }

  public static <T> T readJson(Path file, Class<T> type) throws IOException {
    return MessageCodec.mapper().readValue(file.toFile(), type);
  }
}
