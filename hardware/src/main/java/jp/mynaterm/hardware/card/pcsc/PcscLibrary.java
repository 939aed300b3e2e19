package jp.mynaterm.hardware.card.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * javax.smartcardio on Debian does not find libpcsclite by itself. The launcher passes
 * {@code sun.security.smartcardio.library}; anything else (tests under surefire, an IDE) gets it set
 * here, before the first {@code TerminalFactory} use, from the Debian multiarch paths. It also turns
 * off javax.smartcardio's own GET RESPONSE handling (see {@link #ensureConfigured}).
 */
public final class PcscLibrary {
  public static final String PROPERTY = "sun.security.smartcardio.library";
  private static final List<String> ARCHES = List.of(
      "x86_64-linux-gnu", "aarch64-linux-gnu", "arm-linux-gnueabihf", "i386-linux-gnu", "riscv64-linux-gnu");

  private PcscLibrary() {}

  public static synchronized void ensureConfigured() {
    // ApduChannel handles 61 xx and 6C xx itself. javax.smartcardio's own handling sends GET RESPONSE
    // with the class of the command before (80 C0 after a SIGN, which a card may refuse: it is an
    // inter-industry command, CLA 00) and answers 6C xx by overwriting the command's last byte even
    // when that byte is data. Read once, when the first card connects.
    System.setProperty("sun.security.smartcardio.t0GetResponse", "false");
    System.setProperty("sun.security.smartcardio.t1GetResponse", "false");
    if (System.getProperty(PROPERTY) != null) return;
    for (String arch : ARCHES) {
      for (String dir : List.of("/usr/lib/", "/lib/")) {
        Path p = Path.of(dir + arch + "/libpcsclite.so.1");
        if (Files.exists(p)) {
          System.setProperty(PROPERTY, p.toString());
          return;
        }
      }
    }
    if (Files.exists(Path.of("/usr/lib/libpcsclite.so.1"))) System.setProperty(PROPERTY, "/usr/lib/libpcsclite.so.1");
  }
}
