package jp.mynaterm.cli.card;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.mynaterm.cli.Main;
import jp.mynaterm.hardware.card.pcsc.PcscDaemon;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualCardInPcscd;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.testsupport.RealComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** `card info` and `card auth` through pcscd + vpcd: what they print and their distinct exit codes. */
@ResourceLock("vpcd")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardAuthCommandIntegrationTest {
  private static final String READER = PcscDaemon.VPCD_READER;
  @TempDir static Path dir;
  private static VirtualCardInPcscd inReader;
  private static VirtualMyNumberCard card;
  private static Path trust;

  @BeforeAll
  static void plugInACard() throws Exception {
    VirtualCardPki pki = VirtualCardPki.openOrCreate(dir.resolve("pki"));
    trust = pki.trustAnchorsFile();
    card = VirtualMyNumberCard.forResident(pki, Resident.find("2").orElseThrow(), "4321");
    switch (VirtualCardInPcscd.open(card, Duration.ofMinutes(5))) {
      case VirtualCardInPcscd.Opening.Ready r -> inReader = r.card();
      case VirtualCardInPcscd.Opening.Unavailable u -> throw RealComponent.PCSCD.missing(u.reason());
    }
  }

  @AfterAll
  static void unplug() {
    if (inReader != null) inReader.close();
  }

  record Run(int code, String out) {}

  static Run run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
  }

  static Run auth(String pin, String... more) {
    String[] base = {"card", "auth", "--reader", READER, "--trust", trust.toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return run(pin + "\n", args);
  }

  @Test
  @Order(1)
  void infoPrintsTheKeysWithoutAPin() {
    Run r = run("", "card", "info", "--reader", READER);
    assertEquals(0, r.code(), r.out());
    for (String key : List.of("reader: ", "atr: 3BE000FF8131FE4514", "cert.subject: ", "cert.serial: " + Serials.toHex(card.material().userAuth()),
        "cert.notAfter: ", "pin.triesLeft: 3", "cardId: ")) {
      assertTrue(r.out().contains(key), key + " in\n" + r.out());
    }
  }

  @Test
  @Order(2)
  void theRightPinAuthenticates() {
    Run r = auth("4321");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("authenticated: yes") && r.out().contains("cardId: "), r.out());
  }

  @Test
  @Order(3)
  void revokedAndUntrustedHaveTheirOwnCodes(@TempDir Path tmp) throws Exception {
    Path revoked = tmp.resolve("revoked.txt");
    Files.writeString(revoked, Serials.toHex(card.material().userAuth()) + "\n");
    assertEquals(CardAuthCommand.REVOKED, auth("4321", "--revoked", revoked.toString()).code());
    VirtualCardPki other = VirtualCardPki.openOrCreate(tmp.resolve("other"));
    Run untrusted = run("4321\n", "card", "auth", "--reader", READER, "--trust", other.trustAnchorsFile().toString());
    assertEquals(CardAuthCommand.UNTRUSTED, untrusted.code(), untrusted.out());
  }

  @Test
  @Order(4)
  void wrongPinsThenABlockedPin() {
    assertEquals(CardAuthCommand.WRONG_PIN, auth("0000").code());
    assertEquals(CardAuthCommand.WRONG_PIN, auth("0000").code());
    assertEquals(CardAuthCommand.PIN_BLOCKED, auth("0000").code());
    Run after = auth("4321");
    assertEquals(CardAuthCommand.PIN_BLOCKED, after.code(), "the right PIN does not unblock: " + after.out());
  }

  @Test
  @Order(5)
  void noCardInTheReader() {
    inReader.vpcd().pull();
    assertTrue(inReader.awaitPresence(false, Duration.ofSeconds(15)));
    assertEquals(CardAuthCommand.NO_CARD, auth("4321").code());
    inReader.vpcd().insert();
    assertTrue(inReader.awaitPresence(true, Duration.ofSeconds(15)));
  }
}
