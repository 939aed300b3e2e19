package jp.mynaterm.agent.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import jp.mynaterm.agent.outbox.Outbox;
import jp.mynaterm.agent.outbox.Pending;
import jp.mynaterm.config.OutboxSettings;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts, not only kill -9 (which keeps the page cache, so synchronous=FULL is never exercised):
 * the outbox lives on an ext4 image mounted through a loop device; the appending process is killed
 * at a random moment and the image file is copied at once, without syncing, so every write the file
 * system had not yet handed to the device is lost, as in a power cut. The copy is mounted (ext4
 * replays its journal) and opened: every event the terminal was told is committed is there, once,
 * and the file is not corrupt. The copy is the disk the next cycle starts from.
 */
class PowerCutTest {
  private static final int CYCLES = 100;
  @TempDir Path dir;

  @Test
  @Timeout(900)
  void everyCommittedEventSurvivesAHundredPowerCuts() throws Exception {
    RealComponent.ROOT.require(RealComponent.isRoot(), "loop-mounting an ext4 image needs root");
    // The image files live in memory: the loop device's flushes then cost nothing, and the power cut is
    // still exactly "what the device had not received is gone".
    Path images = Files.createDirectories(dir.resolve("images"));
    Shell.run("mount", "-t", "tmpfs", "-o", "size=80m", "mynaterm-powercut", images.toString());
    Path image = images.resolve("disk.img");
    Path copy = images.resolve("cut.img");
    Path mnt = Files.createDirectories(dir.resolve("mnt"));
    Path outboxFile = mnt.resolve("outbox.db");
    Shell.run("truncate", "-s", "32M", image.toString());
    Shell.run("mkfs.ext4", "-q", "-F", image.toString());
    // A hundred JVM starts are most of this test's time: one run first records the classes they load
    // (a CDS archive, written at its normal exit) so the others map them instead of loading them.
    String classPath = Shell.classPathOfJars(dir);
    Path classes = dir.resolve("terminal.jsa");
    // SQLite's native library unpacked once, as a terminal's package ships it, not again at every start.
    List<String> sqliteNative = Shell.sqliteNativeLibrary(dir.resolve("native"));
    List<String> training = new ArrayList<>(sqliteNative);
    training.add("-XX:ArchiveClassesAtExit=" + classes);
    Shell.run(Shell.java("agent.options", List.of(), training, classPath, AppendingTerminal.class, dir.resolve("training.db").toString(), "training", "20").toArray(String[]::new));
    // Without an archive (a JDK that could not write one) the cycles start as they would anyway. The
    // JVM's CDS notes (e.g. a flag it compares) go nowhere: its output is the test's channel.
    List<String> startFast = new ArrayList<>(Files.isRegularFile(classes) ? List.of("-XX:SharedArchiveFile=" + classes, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of());
    startFast.addAll(sqliteNative);
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> committed = new HashSet<>();
    try {
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        String at = "cycle " + cycle + " (seed " + seed + ")";
        Shell.run("mount", "-o", "loop", image.toString(), mnt.toString());
        Process terminal = new ProcessBuilder(Shell.java("agent.options", List.of(), startFast, classPath, AppendingTerminal.class, outboxFile.toString(), "c" + cycle))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("terminal.log").toFile())).start();
        int killAfter = random.nextInt(1, 80);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(terminal.getInputStream(), StandardCharsets.UTF_8))) {
          int seen = 0;
          String line;
          while (seen < killAfter && (line = out.readLine()) != null) {
            if (line.startsWith("committed ")) {
              committed.add(line.substring(10).trim());
              seen++;
            }
          }
          assertEquals(killAfter, seen, "the terminal process ended early in " + at);
          terminal.destroyForcibly(); // SIGKILL while it appends
          terminal.waitFor();
        }
        // The power cut: what the loop device received is in the image file; the rest is lost with the copy.
        Shell.run("cp", "--sparse=always", image.toString(), copy.toString());
        Shell.run("umount", mnt.toString());
        Files.move(copy, image, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Shell.run("mount", "-o", "loop", image.toString(), mnt.toString());
        try {
          try (Outbox outbox = Outbox.open(outboxFile, new OutboxSettings(10_000_000L, null))) {
            assertNull(outbox.movedAside(), "the outbox opened as it was after the power cut in " + at);
            List<String> ids = new ArrayList<>(outbox.after(0, Integer.MAX_VALUE).stream().map(Pending::record).map(r -> Ledger.id(r.event())).toList());
            Set<String> missing = new HashSet<>(committed);
            ids.forEach(missing::remove);
            assertEquals(Set.of(), missing, "events said OK for and lost in " + at);
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no event twice in " + at);
          }
          try (var c = DriverManager.getConnection("jdbc:sqlite:" + outboxFile);
              var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertEquals("ok", rs.getString(1), "integrity in " + at);
          }
        } finally {
          Shell.run("umount", mnt.toString());
        }
      }
    } finally {
      Shell.quietly("umount", mnt.toString());
      Shell.quietly("umount", images.toString());
    }
  }
}
