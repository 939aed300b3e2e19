package jp.mynaterm.agent.library.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import jp.mynaterm.agent.library.sip2.sim.StrictSip2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIP2 client against a strict library system, on the wire. */
class Sip2ClientTest {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:02:03Z"), ZoneOffset.UTC);
  private StrictSip2Server server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) server.close();
  }

  private Sip2Client connect(Charset charset) throws Exception {
    server = new StrictSip2Server(charset, "kiosk", "secret");
    server.validPatrons.put("P-7781", "");
    server.titles.put("9784000000001", "吾輩は猫である");
    server.titles.put("9784000000002", "ポケット図鑑");
    Sip2Client c = client(charset, server.port(), Duration.ofSeconds(5));
    c.login("kiosk", "secret", "mino-library");
    return c;
  }

  private static Sip2Client client(Charset charset, int port, Duration timeout) throws Sip2Exception {
    return Sip2Client.connect(new Sip2Client.Endpoint("127.0.0.1", port, false, charset, "mino", timeout), CLOCK, JST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "Shift_JIS"})
  void checkoutAndCheckinWithJapaneseTitlesInTheAgreedCharset(String charsetName) throws Exception {
    Charset cs = Charset.forName(charsetName);
    try (Sip2Client c = connect(cs)) {
      var out = c.checkout("P-7781", "9784000000002", false, c.now());
      assertTrue(out.ok(), out.toString());
      assertEquals("ポケット図鑑", out.title());
      assertEquals("20261208    235959", out.dueDate());
      var in = c.checkin("9784000000002", false, c.now(), "counter");
      assertTrue(in.ok());
      assertEquals("ポケット図鑑", in.title());
      // The library system's name (98 AM) and the patron's (64 AE) come in Japanese: read, never kept.
      assertTrue(c.scStatus().online());
      assertTrue(c.patronInformation("P-7781").valid());
      var refused = c.checkout("P-7781", "9784000000099", false, c.now());
      assertEquals("資料が見つかりません", refused.screenMessage(), "the library system's reason, in Japanese");
    }
    assertEquals(List.of(), server.violations);
  }

  @Test
  void renewalsAndThePatronsLoansAndHoldsOneKindPerRequest() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.holds.put("P-7781", List.of("9784000000002"));
      c.checkout("P-7781", "9784000000001", false, c.now());
      var renewed = c.renew("P-7781", "9784000000001");
      assertTrue(renewed.ok(), renewed.toString());
      assertEquals("20261222    235959", renewed.dueDate());
      assertFalse(c.renew("P-7781", "9784000000002").ok(), "not on loan to this patron");
      var loans = c.patronInformation("P-7781", "", Sip2Client.Details.CHARGED);
      assertEquals(List.of("9784000000001"), loans.items());
      var holds = c.patronInformation("P-7781", "", Sip2Client.Details.HOLDS);
      assertEquals(List.of("9784000000002"), holds.items());
      assertEquals(1, holds.holds());
    }
    var renew = server.received.stream().filter(r -> r.command().equals("29")).findFirst().orElseThrow();
    assertEquals(List.of("AO", "AA", "AB", "AC"), renew.fieldCodes());
    assertEquals(List.of(), server.violations);
  }

  @Test
  void thePatronPasswordCountsWhereTheLibraryUsesOne() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      assertTrue(c.patronInformation("P-7781", "", Sip2Client.Details.NONE).accepted(), "no CQ: no password in use");
      server.patronPasswords = true;
      server.validPatrons.put("P-7781", "4321");
      var wrong = c.patronInformation("P-7781", "0000", Sip2Client.Details.NONE);
      assertTrue(wrong.valid());
      assertEquals(java.util.Optional.of(false), wrong.passwordValid());
      assertFalse(wrong.accepted());
      assertTrue(c.patronInformation("P-7781", "4321", Sip2Client.Details.NONE).accepted());
    }
  }

  @Test
  void aResendRequestCarryingSequenceAndChecksumIsHonoured() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.resendRequestWithTrailer = true;
      server.treatNextChecksumsAsBad.set(1);
      assertTrue(c.patronStatus("P-7781").valid());
    }
    assertEquals(List.of(), server.violations);
  }

  @Test
  void theSimulatorSharesNoCodeWithTheClient() throws Exception {
    // Its class files name none of the client's classes: the client is tested against the spec, not itself.
    for (String classFile : List.of("StrictSip2Server.class", "StrictSip2Server$Received.class", "StrictSip2Server$Line.class")) {
      try (var in = StrictSip2Server.class.getResourceAsStream(classFile)) {
        String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertFalse(constants.contains("jp/mynaterm/agent/library/sip2/Sip2"), classFile);
      }
    }
    // The simulator's own checksum, against the value worked out by hand in Sip2CodecTest:
    // "9300CNa|COb|CPc|AY0AZ" sums to 1665 = 0x0681, and 0x10000 - 0x0681 = 0xF97F.
    assertEquals("F97F", StrictSip2Server.checksum("9300CNa|COb|CPc|AY0AZ".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("FEF5", StrictSip2Server.checksum("97AZ".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void patronStatusAndInformation() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      assertTrue(c.patronStatus("P-7781").valid());
      assertFalse(c.patronStatus("P-0000").valid());
      c.checkout("P-7781", "9784000000001", false, c.now());
      var info = c.patronInformation("P-7781");
      assertTrue(info.valid());
      assertEquals(1, info.charged());
    }
    assertEquals(List.of(), server.violations);
  }

  @Test
  void sequenceNumbersCountUpAndWrapAtTen() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      for (int i = 0; i < 11; i++) c.patronStatus("P-7781");
    }
    var seqs = server.received.stream().map(StrictSip2Server.Received::seq).toList();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1), seqs);
  }

  @Test
  void fieldsGoInTheSpecificationsOrderWithTheRightFixedLengths() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      c.checkout("P-7781", "9784000000001", false, "20261124    100203");
    }
    var checkout = server.received.stream().filter(r -> r.command().equals("11")).findFirst().orElseThrow();
    assertEquals(List.of("AO", "AA", "AB", "AC"), checkout.fieldCodes());
    assertEquals(38, checkout.fixed().length());
    assertEquals("NN20261124    100203", checkout.fixed().substring(0, 20), "renewal policy, no block, transaction date");
    assertEquals(List.of(), server.violations);
  }

  @Test
  void offlineCheckoutIsSentWithNoBlockAndItsOriginalTime() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      var r = c.checkout("P-9999", "9784000000001", true, "20261120    153000");
      assertTrue(r.ok(), "the library system must accept a no-block checkout");
    }
    var checkout = server.received.stream().filter(r -> r.command().equals("11")).findFirst().orElseThrow();
    assertEquals('Y', checkout.fixed().charAt(1));
    assertEquals("20261120    153000", checkout.fixed().substring(2, 20));
  }

  @Test
  void aChecksumErrorReportedByTheLibrarySystemResendsTheRequest() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.treatNextChecksumsAsBad.set(2);
      assertTrue(c.patronStatus("P-7781").valid());
    }
  }

  @Test
  void aBadChecksumOnTheAnswerAsksTheLibrarySystemToResend() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.corruptNextAnswers.set(1);
      assertTrue(c.patronStatus("P-7781").valid());
    }
    assertEquals(1, server.resendRequests.get());
  }

  @Test
  void endlessChecksumErrorsGiveUpAfterThreeResends() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.treatNextChecksumsAsBad.set(100);
      Sip2Exception e = assertThrows(Sip2Exception.class, () -> c.patronStatus("P-7781"));
      assertEquals(Sip2Exception.Kind.CHECKSUM, e.kind());
      assertFalse(e.transientFailure());
    }
  }

  @Test
  void anAnswerWithTheWrongSequenceIsRefused() throws Exception {
    try (Sip2Client c = connect(StandardCharsets.UTF_8)) {
      server.answerWithWrongSequence.set(1);
      Sip2Exception e = assertThrows(Sip2Exception.class, () -> c.patronStatus("P-7781"));
      assertEquals(Sip2Exception.Kind.PROTOCOL, e.kind());
    }
  }

  @Test
  void refusedLoginIsItsOwnError() throws Exception {
    server = new StrictSip2Server(StandardCharsets.UTF_8, "kiosk", "secret");
    try (Sip2Client c = client(StandardCharsets.UTF_8, server.port(), Duration.ofSeconds(5))) {
      Sip2Exception e = assertThrows(Sip2Exception.class, () -> c.login("kiosk", "wrong", "x"));
      assertEquals(Sip2Exception.Kind.LOGIN_REFUSED, e.kind());
    }
  }

  @Test
  void noLibrarySystemListeningIsUnreachableAndTransient() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Sip2Exception e = assertThrows(Sip2Exception.class, () -> client(StandardCharsets.UTF_8, port, Duration.ofSeconds(2)));
    assertEquals(Sip2Exception.Kind.UNREACHABLE, e.kind());
    assertTrue(e.transientFailure());
  }

  @Test
  void aSilentLibrarySystemTimesOut() throws Exception {
    server = new StrictSip2Server(StandardCharsets.UTF_8, "kiosk", "secret");
    server.silent = true;
    try (Sip2Client c = client(StandardCharsets.UTF_8, server.port(), Duration.ofMillis(300))) {
      Sip2Exception e = assertThrows(Sip2Exception.class, () -> c.login("kiosk", "secret", "x"));
      assertEquals(Sip2Exception.Kind.TIMEOUT, e.kind());
      assertTrue(e.transientFailure());
    }
  }
}
