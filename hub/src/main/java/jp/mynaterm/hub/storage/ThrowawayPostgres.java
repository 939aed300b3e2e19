package jp.mynaterm.hub.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server for tests and benchmarks (the storage tests, the fault tests,
 * {@code bench chaos}): Debian's postgresql 15 binaries, a fresh cluster in a temporary directory, on
 * a free loopback port, run as the postgres user (the server refuses root, so only root can start
 * it), removed afterwards.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final int port;

  private ThrowawayPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
  }

  public static ThrowawayPostgres start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "mynaterm-pg-");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    run("chown", "postgres:postgres", dir.toString());
    asPostgres(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
    ThrowawayPostgres server = new ThrowawayPostgres(dir, port);
    server.startServer();
    return server;
  }

  /** Starts the server on its data directory and port (again, after {@link #stopServer()}); returns when it accepts connections. */
  public void startServer() throws IOException, InterruptedException {
    asPostgres(
        BIN.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on",
        "start");
  }

  /** Stops the server as an operator's restart does ("fast": open connections are ended); the data stays. */
  public void stopServer() throws IOException, InterruptedException {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
  }

  /** A new, empty database on this server; returns its JDBC URL. */
  public String createDatabase(String name) throws java.sql.SQLException {
    try (var c = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", null);
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private static void asPostgres(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    cmd.addAll(List.of(command));
    run(cmd.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(out, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        stopServer();
      } finally {
        run("rm", "-rf", dir.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL in " + dir, e);
    }
  }
}
