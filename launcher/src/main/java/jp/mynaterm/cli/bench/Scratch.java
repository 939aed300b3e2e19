package jp.mynaterm.cli.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A benchmark's temporary directory, removed with everything in it when closed. */
record Scratch(Path dir) implements AutoCloseable {

  static Scratch create(String benchmark) throws IOException {
    return new Scratch(Files.createTempDirectory("mynaterm-bench-" + benchmark + "-"));
  }

  Path resolve(String name) {
    return dir.resolve(name);
  }

  @Override
  public void close() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A loopback port free a moment ago, for a server the benchmark starts (or one it wants absent). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
