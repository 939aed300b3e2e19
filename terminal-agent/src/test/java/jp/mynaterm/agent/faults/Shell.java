package jp.mynaterm.agent.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The fault tests' system commands (mount, losetup, ip) and child JVMs on this test's class path. */
final class Shell {
  private Shell() {}

  /** Runs a command to its end; its output if it succeeded, else an IOException with it. */
  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Runs a command, ignoring failure (clean-up of what may not exist). */
  static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // Nothing to clean up.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The command line of a child JVM running {@code main} with the JVM options file {@code options} of
   * config/jvm (agent.options, hub.options), prefixed by {@code prefix} (e.g. ip netns exec).
   */
  static List<String> java(String options, List<String> prefix, Class<?> main, String... args) {
    return java(options, prefix, List.of(), System.getProperty("java.class.path"), main, args);
  }

  /** As {@link #java(String, List, Class, String...)}, with {@code flags} for the JVM after the options file's, on {@code classPath}. */
  static List<String> java(String options, List<String> prefix, List<String> flags, String classPath, Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + Path.of(System.getProperty("mynaterm.home", "..")).resolve("config/jvm").resolve(options).toAbsolutePath().normalize());
    cmd.addAll(flags);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The flags that let a child JVM load SQLite's native library from {@code dir} (unpacked there from
   * the driver's jar on the first call), as a terminal does in production (scripts/lib.sh
   * sqlite_native_options): otherwise every child JVM extracts it into /tmp again before it opens a
   * database, a third of a second of each start. None where the jar has no library for this machine
   * (the driver then extracts it as before).
   */
  static List<String> sqliteNativeLibrary(Path dir) throws IOException {
    String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/libsqlitejdbc.so";
    Path library = dir.resolve("libsqlitejdbc.so");
    if (!java.nio.file.Files.isRegularFile(library)) {
      try (java.io.InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
        if (in == null) return List.of();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(in, library);
      }
    }
    return List.of("-Dorg.sqlite.lib.path=" + dir, "-Dorg.sqlite.lib.name=" + library.getFileName());
  }

  /**
   * This test's class path with each directory on it (a module's classes or test classes) packed into a
   * jar of its own in {@code dir}, in the same order: a class-data-sharing archive, which lets many
   * short-lived child JVMs start in about half the time, takes classes from jars only.
   */
  static String classPathOfJars(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!java.nio.file.Files.isDirectory(Path.of(entry))) {
        entries.add(entry);
        continue;
      }
      String jar = dir.resolve("classpath-" + entries.size() + ".jar").toString();
      java.io.StringWriter errors = new java.io.StringWriter();
      java.io.PrintWriter err = new java.io.PrintWriter(errors);
      if (java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(err, err, "--create", "--file", jar, "-C", entry, ".") != 0) {
        throw new IOException("jar --create --file " + jar + " -C " + entry + " . failed: " + errors);
      }
      entries.add(jar);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }
}
