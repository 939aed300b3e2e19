package jp.mynaterm.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealComponentTest {
  @Test
  void aMissingComponentFailsTheTestNamingItAndHowToInstallIt() {
    var e = assertThrows(AssertionFailedError.class, () -> RealComponent.PCSCD.missing("no vpcd reader", null));
    assertTrue(e.getMessage().contains("pcscd with vsmartcard's vpcd is needed and missing: no vpcd reader"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install pcscd vsmartcard-vpcd"), e.getMessage());
    assertTrue(e.getMessage().contains("MYNATERM_TEST_SKIP=pcscd"), e.getMessage());
  }

  @Test
  void aComponentTheDeveloperOptedOutOfSkipsTheTestWithTheReason() {
    var e = assertThrows(TestAbortedException.class, () -> RealComponent.CUPS.missing("not root", "pcscd, cups"));
    assertTrue(e.getMessage().startsWith("MYNATERM_TEST_SKIP: cups missing (not root)"), e.getMessage());
  }

  @Test
  void optingOutOfOneComponentLeavesTheOthersRequired() {
    assertThrows(AssertionFailedError.class, () -> RealComponent.CHROMIUM.missing("no /usr/bin/chromium", "pcscd,cups"));
    assertTrue(RealComponent.CHROMIUM.optedOut("ALL"));
    assertFalse(RealComponent.POSTGRESQL.optedOut(""));
    assertFalse(RealComponent.POSTGRESQL.optedOut("postgres"));
  }

  @Test
  void aPresentComponentLetsTheTestGoOn() {
    RealComponent.MOSQUITTO.require(true, "never said");
  }
}
