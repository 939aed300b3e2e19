package jp.mynaterm.agent.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.CapturedLogs;
import jp.mynaterm.config.IssuanceSettings;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hardware.card.CardCertificates;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.issuance.CertificateDocuments;
import jp.mynaterm.hub.issuance.IssuanceRules;
import jp.mynaterm.hub.issuance.IssuanceService;
import jp.mynaterm.hub.issuance.IssuingKey;
import jp.mynaterm.hub.issuance.Resident;
import jp.mynaterm.hub.issuance.IssuanceRepository;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's issuance with a real (virtual) card: the card signs the hub's challenge after the PIN,
 * the hub checks chain, revocation and signature, finds the resident by the card's link, applies the
 * rules and signs the document; and every way that must fail does.
 */
class HubIssuanceWithCardTest {
  /** 10:00 in Mino on the next weekday (outside the year-end closure): the test PKI is valid from today. */
  private static final Clock TUESDAY_10 = nextAt10(d -> d.getDayOfWeek().getValue() <= 5 && !(d.getMonthValue() == 12 && d.getDayOfMonth() >= 29) && !(d.getMonthValue() == 1 && d.getDayOfMonth() <= 3));

  /** 10:00 in Mino on the next Sunday. */
  private static final Clock SUNDAY_10 = nextAt10(d -> d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY && !(d.getMonthValue() == 12 && d.getDayOfMonth() >= 29) && !(d.getMonthValue() == 1 && d.getDayOfMonth() <= 3));

  private static Clock nextAt10(java.util.function.Predicate<LocalDate> wanted) {
    java.time.ZoneId mino = java.time.ZoneId.of("Asia/Tokyo");
    LocalDate d = LocalDate.now(mino).plusDays(1);
    while (!wanted.test(d)) d = d.plusDays(1);
    return Clock.fixed(d.atTime(10, 0).atZone(mino).toInstant(), ZoneOffset.UTC);
  }

  @TempDir Path dir;
  private Database db;
  private Downlink downlink;
  private VirtualCardPki pki;
  private IssuingKey key;

  @BeforeEach
  void hub() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    pki = VirtualCardPki.openOrCreate(dir.resolve("cards"));
    key = IssuingKey.loadOrCreate(dir.resolve("hub"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Resident resident(String id) {
    return new Resident(id, "H1", "美濃", "花子", "ミノ", "ハナコ", LocalDate.of(1950, 4, 1), Resident.Sex.FEMALE, "岐阜県美濃市１番地", "世帯主", true, "岐阜県美濃市１番地", true, "S-1", Resident.Status.CURRENT);
  }

  private IssuanceService service(Clock clock) {
    return new IssuanceService(
        db, new IssuanceRules(IssuanceSettings.DEFAULT), new CertificateDocuments("212075", IssuanceSettings.DEFAULT), key,
        () -> new TrustAnchors(List.of(pki.rootCertificate())), CardIds.development(), Map.of("R1", resident("R1")), clock);
  }

  private MyNumberCard card(String resident) throws Exception {
    var virtual = VirtualMyNumberCard.forResident(pki, jp.mynaterm.hardware.card.virtual.Resident.find(resident).orElseThrow(), "1234");
    return new MyNumberCard(new InProcessCard(virtual), MyNumberCard.DEFAULT_TIMEOUT);
  }

  private void linkAtCounter(MyNumberCard card, String residentId) throws Exception {
    CardId id = CardIds.development().derive(certs(card).userAuth());
    downlink.changeAllowList(IssuanceService.RESIDENT_SERVICE, List.of(new AllowEntry(id, residentId, "", MemberStatus.ACTIVE)), List.of());
  }

  private static CardCertificates certs(MyNumberCard card) {
    return ((CardResult.Ok<CardCertificates>) card.certificates()).value();
  }

  /** What the kiosk does: a challenge, the PIN and the card's signature over it, the request. */
  private ResponseBody askFor(IssuanceService hub, MyNumberCard card, String type, Map<String, String> options) throws Exception {
    var challenge = assertInstanceOf(ResponseBody.ChallengeIssued.class, hub.handle("kiosk-1", new RequestBody.Challenge("issuance")));
    return hub.handle("kiosk-1", request(card, type, options, challenge.challenge(), Base64.getDecoder().decode(challenge.challenge())));
  }

  private static RequestBody.Issuance request(MyNumberCard card, String type, Map<String, String> options, String challenge, byte[] signedBytes) throws Exception {
    byte[] signature = ((CardResult.Ok<byte[]>) card.signChallenge("1234".toCharArray(), signedBytes)).value();
    var c = certs(card);
    var b64 = Base64.getEncoder();
    return new RequestBody.Issuance(type, options, 1, b64.encodeToString(c.userAuth().getEncoded()), b64.encodeToString(c.ca().getEncoded()), challenge, b64.encodeToString(signature));
  }

  @Test
  void aLinkedResidentGetsASignedDocumentThatVerifyCanFind() throws Exception {
    MyNumberCard card = card("1");
    linkAtCounter(card, "R1");
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, askFor(service(TUESDAY_10), card, "juminhyo", Map.of("scope", "self")));
    assertEquals(250, granted.feeYen());
    assertEquals("住民票の写し", granted.document().get("title").asText());
    assertEquals(granted.documentDigest(), jp.mynaterm.protocol.issuance.CanonicalJson.digest(granted.document()));
    assertTrue(IssuingKey.verify(key.publicKey(), granted.documentDigest(), granted.signature()), "signed by the city's issuing key");
    var issued = new IssuanceRepository(db).issued(granted.verificationCode()).orElseThrow();
    assertEquals(granted.documentDigest(), issued.digest());
    assertEquals("kiosk-1", issued.terminal());
  }

  @Test
  void aChallengeWorksOnceAndOnlyForItsTerminal() throws Exception {
    MyNumberCard card = card("1");
    linkAtCounter(card, "R1");
    IssuanceService hub = service(TUESDAY_10);
    var challenge = (ResponseBody.ChallengeIssued) hub.handle("kiosk-1", new RequestBody.Challenge("issuance"));
    var request = request(card, "juminhyo", Map.of(), challenge.challenge(), Base64.getDecoder().decode(challenge.challenge()));
    assertEquals("try-again", ((ResponseBody.Refused) hub.handle("kiosk-2", request)).code(), "another kiosk's challenge");
    assertInstanceOf(ResponseBody.IssuanceGranted.class, hub.handle("kiosk-1", request));
    assertEquals("try-again", ((ResponseBody.Refused) hub.handle("kiosk-1", request)).code(), "a replay");
  }

  @Test
  void aSignatureOverSomethingElseIsNotAccepted() throws Exception {
    MyNumberCard card = card("1");
    linkAtCounter(card, "R1");
    IssuanceService hub = service(TUESDAY_10);
    var challenge = (ResponseBody.ChallengeIssued) hub.handle("kiosk-1", new RequestBody.Challenge("issuance"));
    var forged = request(card, "juminhyo", Map.of(), challenge.challenge(), "some other bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("card-not-accepted", ((ResponseBody.Refused) hub.handle("kiosk-1", forged)).code());
  }

  @Test
  void aRevokedCardIsNotAccepted_andNoLogOfTheIssuanceNamesItsSerial() throws Exception {
    MyNumberCard card = card("1");
    X509Certificate certificate = certs(card).userAuth();
    try (CapturedLogs logs = new CapturedLogs()) {
      linkAtCounter(card, "R1");
      assertInstanceOf(ResponseBody.IssuanceGranted.class, askFor(service(TUESDAY_10), card, "juminhyo", Map.of("scope", "self")));
      downlink.revoke(List.of(CertificateKey.of(certificate).entry()), List.of());
      assertEquals("card-not-accepted", ((ResponseBody.Refused) askFor(service(TUESDAY_10), card, "juminhyo", Map.of())).code());
      assertFalse(logs.lines().isEmpty(), "the issuance logged something");
      assertEquals(List.of(), logs.linesWithSerialOf(certificate), "logs name CardIds, never certificate serials");
    }
  }

  @Test
  void theSameSerialOfAnotherCaRevokesNothing() throws Exception {
    MyNumberCard card = card("1");
    linkAtCounter(card, "R1");
    var other = new javax.security.auth.x500.X500Principal("CN=another user-auth CA,C=JP");
    downlink.revoke(List.of(CertificateKey.of(other, certs(card).userAuth().getSerialNumber()).entry()), List.of());
    assertInstanceOf(ResponseBody.IssuanceGranted.class, askFor(service(TUESDAY_10), card, "juminhyo", Map.of("scope", "self")));
  }

  @Test
  void aCardNotLinkedToAResidentIsSentToTheCounter() throws Exception {
    assertEquals("not-registered", ((ResponseBody.Refused) askFor(service(TUESDAY_10), card("2"), "juminhyo", Map.of())).code());
  }

  @Test
  void theCitysRulesDecide() throws Exception {
    MyNumberCard card = card("1");
    linkAtCounter(card, "R1");
    assertEquals("weekdays-only", ((ResponseBody.Refused) askFor(service(SUNDAY_10), card, "fuhyo", Map.of())).code());
  }
}
