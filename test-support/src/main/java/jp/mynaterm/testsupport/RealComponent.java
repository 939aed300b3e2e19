package jp.mynaterm.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A system component the tests use for real (rule 3 of the project). A test that finds it missing
 * fails, naming it and how to install it, so a green run means the real parts ran; a developer
 * without it opts out explicitly with {@code MYNATERM_TEST_SKIP=pcscd,cups} (or {@code all}), and the
 * test is then skipped with the reason, which {@code ./mynaterm test} counts in its last line.
 */
public enum RealComponent {
  PCSCD("pcscd with vsmartcard's vpcd", "pcscd vsmartcard-vpcd"),
  CUPS("CUPS with the cups-pdf printer", "cups printer-driver-cups-pdf"),
  POSTGRESQL("PostgreSQL", "postgresql"),
  MOSQUITTO("Mosquitto", "mosquitto mosquitto-clients"),
  CHROMIUM("headless Chromium and chromedriver", "chromium chromium-driver"),
  /** Fault tests mount tmpfs and loop-device file systems and make network namespaces: root only. */
  ROOT("root (tmpfs and loop mounts, network namespaces; run the tests as root)", "util-linux e2fsprogs iproute2");

  /** Whether this JVM runs as root, for {@link #ROOT}. */
  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The environment variable naming the components a developer's machine goes without. */
  public static final String OPT_OUT = "MYNATERM_TEST_SKIP";
  /** Starts every skip reason, so the test run's summary can count them by component. */
  static final String SKIP_PREFIX = OPT_OUT + ": ";

  private final String what;
  private final String packages;

  RealComponent(String what, String packages) {
    this.what = what;
    this.packages = packages;
  }

  /** The name {@link #OPT_OUT} lists it by: pcscd, cups, postgresql, mosquitto, chromium, root. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Goes on when {@code present}; otherwise fails the test, or skips it if the developer opted out. */
  public void require(boolean present, String problem) {
    if (!present) missing(problem);
  }

  /**
   * Fails the test, or skips it if {@link #OPT_OUT} names this component. It always throws; it is
   * declared to return so a caller can write {@code throw PCSCD.missing(reason)} where Java wants the path ended.
   */
  public RuntimeException missing(String problem) {
    return missing(problem, System.getenv(OPT_OUT));
  }

  RuntimeException missing(String problem, String optOut) {
    if (optedOut(optOut)) {
      Assumptions.abort(SKIP_PREFIX + key() + " missing (" + problem + "); opted out by " + OPT_OUT + "=" + optOut);
    }
    return Assertions.fail(what + " is needed and missing: " + problem + ". Install it with ./mynaterm test (as root; apt-get install "
        + packages + ", listed in scripts/system-packages.txt), or skip these tests on this machine with " + OPT_OUT + "=" + key());
  }

  /** Whether the opt-out list (comma or space separated, {@code all} for every component) names this one. */
  boolean optedOut(String list) {
    if (list == null) return false;
    Set<String> named = Arrays.stream(list.split("[,\\s]+")).map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return named.contains("all") || named.contains(key());
  }
}
