package jp.mynaterm.hardware.card.pcsc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.TestCards;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hardware.card.virtual.VpcdClient;
import jp.mynaterm.protocol.card.JpkiSignatures;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The virtual card through the real PC/SC stack: pcscd + vsmartcard's vpcd driver, javax.smartcardio,
 * and OpenSC's jpki driver. One card sits in the vpcd reader for the whole class (one card per reader).
 */
@ResourceLock("vpcd")
@org.junit.jupiter.api.Timeout(value = 90, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpcdCardIntegrationTest {
  private static VirtualCardInPcscd inReader;
  private static VirtualMyNumberCard virtual;
  private static VpcdClient vpcd;

  @BeforeAll
  static void putTheCardIntoPcscd() {
    switch (VirtualCardInPcscd.open(TestCards.card(), Duration.ofMinutes(5))) {
      case VirtualCardInPcscd.Opening.Ready r -> inReader = r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing(u.reason());
    }
    virtual = inReader.card();
    vpcd = inReader.vpcd();
  }

  @AfterAll
  static void takeItOut() {
    if (inReader != null) inReader.close();
  }

  @AfterEach
  void cardBackIn() {
    virtual.faults().clear();
    vpcd.insert();
    assertTrue(inReader.awaitPresence(true, Duration.ofSeconds(15)), "card back in");
  }

  private static MyNumberCard connect() {
    return switch (Readers.ofThisJvm().connect(PcscDaemon.VPCD_READER).map(MyNumberCard::new)) {
      case CardResult.Ok<MyNumberCard> ok -> ok.value();
      case CardResult.Failed<MyNumberCard> f -> fail(f.problem().describe());
    };
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void authenticatesTheHolderThroughPcscd() {
    MyNumberCard card = connect();
    try {
      assertTrue(card.hasMyNumberAtr(), card.atrHex());
      var o = new HolderAuthentication(TestCards.verifier(new RevocationStore())).authenticate(card, TestCards.PIN.toCharArray());
      assertInstanceOf(HolderAuthentication.Outcome.Authenticated.class, o);
      assertEquals(TestCards.resident("1").items(), TestCards.ok(card.basicItems(TestCards.PIN.toCharArray())));
      assertEquals(0, virtual.myNumberSelections());
    } finally {
      card.disconnect();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void wrongPinCountsDownAndTheRightOneRestores() {
    MyNumberCard card = connect();
    try {
      assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.signChallenge("0000".toCharArray(), new byte[4])));
      assertEquals(2, TestCards.ok(card.pinTriesLeft()));
      TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[4]));
    } finally {
      card.disconnect();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aCardPulledMidCommandIsReportedAndTheWatcherSeesItGoAndComeBack() {
    List<ReaderWatcher.Event> events = new CopyOnWriteArrayList<>();
    ReaderWatcher watcher = Readers.ofThisJvm().watch(events::add, Duration.ofMillis(500));
    try {
      await("the watcher to see the card").atMost(Duration.ofSeconds(15)).until(() -> events.contains(new ReaderWatcher.Event.CardInserted(inReader.readerName())));
      MyNumberCard card = connect();
      virtual.faults().pullAfter(3);
      CardProblem p = TestCards.problem(card.certificates());
      assertEquals(new CardProblem.CardRemoved(), p, p.describe());
      card.disconnect();
      await("removal").atMost(Duration.ofSeconds(15)).until(() -> events.contains(new ReaderWatcher.Event.CardRemoved(inReader.readerName())));
      events.clear();
      vpcd.insert();
      await("reinsertion").atMost(Duration.ofSeconds(15)).until(() -> events.contains(new ReaderWatcher.Event.CardInserted(inReader.readerName())));
    } finally {
      watcher.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void t0StyleAnswersAndStrayStatusWordsThroughPcscd() {
    MyNumberCard card = connect();
    try {
      virtual.faults().t0Style(true);
      assertEquals(virtual.material().userAuth(), TestCards.ok(card.certificates()).userAuth());
      byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), new byte[] {9}));
      assertTrue(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), new byte[] {9}, signature));
      virtual.faults().clear();
      virtual.faults().answerNext(new byte[] {(byte) 0x6F, 0x00});
      assertEquals(new CardProblem.UnexpectedStatus(0x6F00, "SELECT JPKI AP"), TestCards.problem(card.pinTriesLeft()));
    } finally {
      card.disconnect();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void aCardAnswering61ToEverythingWithGetResponseOnlyInClass00ThroughPcscd() {
    // javax.smartcardio would send 80 C0 after a SIGN's 61 xx; the card refuses it. The channel's own
    // GET RESPONSE (class 00) and its handling of 6C xx make the whole authentication work.
    MyNumberCard card = connect();
    try {
      virtual.faults().getResponseForAll(true);
      var o = new HolderAuthentication(TestCards.verifier(new RevocationStore())).authenticate(card, TestCards.PIN.toCharArray());
      assertInstanceOf(HolderAuthentication.Outcome.Authenticated.class, o, o.toString());
      assertInstanceOf(HolderAuthentication.Outcome.Authenticated.class,
          new HolderAuthentication(TestCards.verifier(new RevocationStore())).checkTap(card));
    } finally {
      card.disconnect();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void pcscScanSeesTheCard(@TempDir Path dir) throws Exception {
    String out = run(List.of("pcsc_scan", "-c", "-t", "3"), 20, dir);
    assertTrue(out.contains("3B E0 00 FF 81 31 FE 45 14"), out);
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void openScListsAndReadsTheUserAuthCertificate(@TempDir Path dir) throws Exception {
    String list = run(List.of("pkcs15-tool", "--list-certificates"), 60, dir);
    assertTrue(list.contains("User Authentication Certificate") || list.toLowerCase().contains("authentication"), list);
    Path pem = dir.resolve("auth.pem");
    String read = run(List.of("pkcs15-tool", "--read-certificate", "01", "--output", pem.toString()), 60, dir);
    assertTrue(Files.exists(pem), read);
    var cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(pem));
    assertEquals(virtual.material().userAuth(), cert);
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void openScSignsWithTheUserAuthKeyAfterLogin(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path sig = dir.resolve("sig");
    Files.write(data, "signed through OpenSC".getBytes(StandardCharsets.UTF_8));
    String out = run(List.of("pkcs11-tool", "--login", "--pin", TestCards.PIN, "--sign", "--id", "01", "-m", "SHA256-RSA-PKCS",
        "--input-file", data.toString(), "--output-file", sig.toString()), 90, dir);
    assertTrue(Files.exists(sig) && Files.size(sig) == 256, out);
    assertTrue(JpkiSignatures.verify(virtual.material().userAuth().getPublicKey(), Files.readAllBytes(data), Files.readAllBytes(sig)), out);
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void aPinSessionHoldsTheCardAgainstOtherClientsAndItsReleaseResetsTheCard(@TempDir Path dir) throws Exception {
    // pcscd may still be taking in the card's (re)insertion: its first command can be answered "card
    // reset". A session begins once a fresh connection reads the tries left, as before every PIN entry;
    // that read begins the exclusive hold.
    java.util.concurrent.atomic.AtomicReference<MyNumberCard> session = new java.util.concurrent.atomic.AtomicReference<>();
    await("a connection that reads the tries left").atMost(Duration.ofSeconds(10)).until(() -> {
      MyNumberCard c = connect();
      if (c.pinTriesLeft() instanceof CardResult.Ok) return session.compareAndSet(null, c);
      c.disconnect();
      return false;
    });
    MyNumberCard card = session.get();
    try {
      assertEquals(java.util.Optional.empty(), card.pinPad(), "vpcd has no PIN pad");

      TestCards.ok(card.verifyUserAuthPin(TestCards.PIN.toCharArray()));
      // Another PC/SC connection (in this JVM, another handle: to pcscd the same as another program's).
      MyNumberCard other = connect();
      try {
        assertEquals(new CardProblem.CardInUse(), TestCards.problem(other.certificates()), "its commands are refused");
      } finally {
        other.disconnect();
      }
      // Another program: OpenSC waits for the hold to end (SCardBeginTransaction) and gets no answer meanwhile.
      String probe = run(List.of("opensc-tool", "-r", PcscDaemon.VPCD_READER, "-s", "00A4040C0AD392F000260100000001"), 3, dir);
      assertFalse(probe.contains("90 00"), probe);
      TestCards.ok(card.signWithUserAuth(new byte[] {2}));
    } finally {
      card.disconnect();
    }
    // The reset is seen by pcscd a moment after the release: the first command of a connection made at
    // once may be answered "card reset" (SCARD_W_RESET_CARD), so a fresh connection is tried until one reads.
    await("a connection after the release that signs only after a VERIFY").atMost(Duration.ofSeconds(10)).until(() -> {
      MyNumberCard next = connect();
      try {
        return next.userAuthCertificateHead() instanceof CardResult.Ok
            && new CardProblem.SecurityStatusNotSatisfied("SIGN (user auth)").equals(TestCards.problem(next.signWithUserAuth(new byte[] {3})));
      } finally {
        next.disconnect();
      }
    });
  }

  /** Runs a tool with a hard time limit; returns its command line and output. */
  static String run(List<String> command, int seconds, Path dir) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "tool", ".out");
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) p.destroyForcibly();
    return String.join(" ", command) + " ->\n" + Files.readString(log);
  }
}
