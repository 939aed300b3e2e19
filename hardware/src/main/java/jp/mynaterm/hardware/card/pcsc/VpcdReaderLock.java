package jp.mynaterm.hardware.card.pcsc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The vpcd reader holds one card at a time, machine-wide. Test classes in different modules (and
 * forks) and the tap benchmark take this file lock first, so they never put cards into it at once.
 */
public final class VpcdReaderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private VpcdReaderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits up to {@code wait} for the reader.
   *
   * @throws IOException when another process keeps it longer (a demo or `card virtual` running)
   */
  public static VpcdReaderLock acquire(int port, Duration wait) throws IOException {
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "mynaterm-vpcd-" + port + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // held by this JVM: wait like any other holder
        }
        if (lock != null) return new VpcdReaderLock(channel, lock);
        if (System.nanoTime() > deadline) {
          throw new IOException("the vpcd reader on port " + port + " stayed in use for " + wait.toSeconds() + " s (lock " + file + ")");
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
