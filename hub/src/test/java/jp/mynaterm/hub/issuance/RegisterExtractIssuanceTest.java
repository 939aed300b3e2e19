package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.config.HubSettings;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.config.Role;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub finds residents from the city's register extract (#15 §1): the user-authentication
 * certificate's issuer and serial the card window recorded, so a resident who never visited a counter
 * is served; a renewed certificate is found once the next extract names it; a counter link is the
 * fallback. And what the extract gives a certificate (§2): the seal impression, the current household.
 */
class RegisterExtractIssuanceTest {
  private static final String HEADER = String.join(",", ResidentRegisterCsv.COLUMNS) + "," + String.join(",", ResidentRegisterCsv.OPTIONAL_COLUMNS) + "\n";
  private static TestCards cards;
  private static TestCards.Card hanako;
  private static TestCards.Card renewed;

  @TempDir Path dir;
  private Database db;
  private Path extract;
  private IssuanceService hub;
  private int exports;

  @BeforeAll
  static void testPki() throws Exception {
    cards = new TestCards();
    hanako = cards.card();
    renewed = cards.card();
  }

  @BeforeEach
  void start() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    Files.write(dir.resolve("0012041.png"), HexFormat.of().parseHex(TINY_PNG));
    extract = dir.resolve("residents.csv");
    writeExtract(hanako.userAuth());
    var issuance = new IssuanceSettings(cards.writeAnchors(dir.resolve("anchors.pem")).toString(), extract.toString(), "", null, null, null, null, null, null, null, null, null, null);
    var config = new HubConfig(Role.HUB, "212075", new HubSettings("hub-1", dir.resolve("hub").toString(), ""), null, null, new HttpSettings("127.0.0.1", 8088), issuance, null, true);
    hub = IssuanceService.from(config, db, OpenHoursClock.weekdayMorning(Clock.systemUTC(), config.issuance()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  /**
   * Household H1 as the register has it now: 花子 was head until 太郎 (the head before her) died, 一郎
   * moved out; 花子's certificate is the one given. The issuer is written as a city's export may spell it.
   */
  private void writeExtract(X509Certificate card) throws Exception {
    String issuer = "\"" + card.getIssuerX500Principal().getName().replace("CN=", "cn = ") + "\"";
    String serial = card.getSerialNumber().toString(16).toUpperCase();
    List<String> rows = new ArrayList<>(List.of(
        "R1,H1,美濃,花子,ミノ,ハナコ,1985-04-12,2,岐阜県美濃市泉町１丁目３番地,世帯主,Y,,Y,0012041,current," + issuer + "," + serial + ",0012041.png",
        "R2,H1,美濃,太郎,ミノ,タロウ,1950-01-01,1,岐阜県美濃市泉町１丁目３番地,世帯主,Y,,Y,,deceased,,,",
        "R3,H1,美濃,一郎,ミノ,イチロウ,1983-08-20,1,岐阜県美濃市泉町１丁目３番地,夫,N,,Y,,moved-out,,,",
        "R4,H1,美濃,陽太,ミノ,ヨウタ,2006-06-03,1,岐阜県美濃市泉町１丁目３番地,子,N,,Y,,current,,,"));
    Files.writeString(extract, HEADER + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    // A new export is a new file version even within the file system's time resolution.
    Files.setLastModifiedTime(extract, FileTime.from(Instant.now().plusSeconds(++exports)));
  }

  @Test
  void eachCopyHasItsOwnCodeAndSignedQrRecordedAwaitingAtTheGrant() throws Exception {
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, hanako, "juminhyo", Map.of(), 3));
    var papers = granted.document().get("papers");
    assertEquals(3, papers.size());
    assertEquals(granted.verificationCode(), papers.get(0).get("verificationCode").asText(), "the grant is reported by its first copy's code");
    assertEquals(papers.get(0).get("qr").asText(), granted.document().get("qr").asText());
    var key = IssuingKey.loadOrCreate(dir.resolve("hub")).publicKey();
    var repository = new IssuanceRepository(db);
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (int copy = 1; copy <= 3; copy++) {
      var paper = papers.get(copy - 1);
      String code = paper.get("verificationCode").asText();
      assertEquals(true, codes.add(code), "a code of its own");
      var opened = jp.mynaterm.protocol.issuance.SignedPaper.open(jp.mynaterm.protocol.issuance.SignedPaper.fromQrText(paper.get("qr").asText()).orElseThrow(), key);
      assertEquals(true, opened.signatureValid());
      assertEquals(code, opened.fields().get("verificationCode").asText(), "the QR signs its own copy's code");
      assertEquals(copy, opened.fields().get("copy").asInt());
      assertEquals(true, paper.get("qr").asText().startsWith("http://127.0.0.1:8088/verify/" + code + "#"));
      assertEquals(new IssuanceRepository.Issued(code, granted.documentDigest(), "kiosk-1", "juminhyo", 3, repository.issued(code).orElseThrow().issuedAt(), granted.verificationCode(), copy),
          repository.issued(code).orElseThrow());
      assertEquals(IssuanceRepository.Status.AWAITING, repository.outcome(code).status(), "granted, not yet issued");
    }
  }

  @Test
  void aResidentWhoNeverVisitedACounterIsFoundByTheCertificateInTheExtract() throws Exception {
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, hanako, "juminhyo", Map.of()));
    assertEquals("美濃\u3000花子", granted.document().get("entries").get(0).get("name").asText());
  }

  @Test
  void aRenewedCertificateIsFoundByTheNextExtractAndACounterLinkIsTheFallback() throws Exception {
    var notYet = assertInstanceOf(ResponseBody.Refused.class, cards.ask(hub, renewed, "juminhyo", Map.of()));
    assertEquals("not-registered", notYet.code(), "the renewed card is in no extract yet and linked nowhere");

    var downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    downlink.changeAllowList(IssuanceService.RESIDENT_SERVICE, List.of(new AllowEntry(CardIds.development().derive(renewed.userAuth()), "R4", "", MemberStatus.ACTIVE)), List.of());
    var linked = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, renewed, "juminhyo", Map.of()));
    assertEquals("美濃\u3000陽太", linked.document().get("entries").get(0).get("name").asText(), "the counter's link, while the extract does not know the card");

    writeExtract(renewed.userAuth());
    var next = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, renewed, "juminhyo", Map.of()));
    assertEquals("美濃\u3000花子", next.document().get("entries").get(0).get("name").asText(), "the city's extract outranks a counter link");
    assertEquals("not-registered", assertInstanceOf(ResponseBody.Refused.class, cards.ask(hub, hanako, "juminhyo", Map.of())).code(), "the replaced certificate");
  }

  @Test
  void aBadNewExtractLeavesTheRegisterReadBeforeInUse() throws Exception {
    Files.writeString(extract, HEADER + "R1,H1\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(extract, FileTime.from(Instant.now().plusSeconds(++exports)));
    assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, hanako, "juminhyo", Map.of()));
  }

  @Test
  void theHouseholds住民票ListsOnlyCurrentMembersUnderTheCurrentHead() throws Exception {
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, hanako, "juminhyo", Map.of("scope", "household")));
    List<String> names = new ArrayList<>();
    granted.document().get("entries").forEach(e -> names.add(e.get("name").asText()));
    assertEquals(List.of("美濃\u3000花子", "美濃\u3000陽太"), names, "not the deceased former head, not the member who moved out");
    assertEquals("美濃\u3000花子", granted.document().get("householdHead").asText());
  }

  @Test
  void the印鑑登録証明書CarriesTheRegisteredImpressionFromTheExtract() throws Exception {
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, cards.ask(hub, hanako, "inkan", Map.of()));
    byte[] printed = Base64.getDecoder().decode(granted.document().get("entries").get(0).get("sealImpression").asText());
    assertArrayEquals(Files.readAllBytes(dir.resolve("0012041.png")), printed, "the image under the signed digest");
  }

  /** A 1×1 red PNG: what the extract's image file is does not matter to the hub, only that it is sent whole. */
  private static final String TINY_PNG =
      "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082";
}
