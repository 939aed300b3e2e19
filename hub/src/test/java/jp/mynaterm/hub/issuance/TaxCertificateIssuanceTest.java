package jp.mynaterm.hub.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.mynaterm.config.ConfigException;
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
import jp.mynaterm.protocol.issuance.CanonicalJson;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.time.TerminalClock;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 所得・課税証明書 through the hub's issuance as the hub command sets it up ({@link IssuanceService#from}):
 * the resident register and tax records from files, a card-signed request (a test PKI standing in for
 * J-LIS), the year's figures in the signed document, and the verify URL for the QR code.
 */
class TaxCertificateIssuanceTest {
  private static final String HEADER = String.join(",", ResidentRegisterCsv.COLUMNS) + "\n";
  private static final String HANAKO = "R1,H1,美濃,花子,ミノ,ハナコ,1985-04-12,2,岐阜県美濃市泉町１丁目３番地,世帯主,Y,岐阜県美濃市泉町１丁目３番地,Y,0012041,current\n";
  private static final String TAXES = "resident_id,fiscal_year,income_yen,taxable_income_yen,municipal_tax_yen,prefectural_tax_yen\nR1,2026,3610000,2260000,138600,91400\n";

  private static TestCards cards;
  private static TestCards.Card card;

  @TempDir Path dir;
  private Database db;

  @BeforeAll
  static void testPki() throws Exception {
    cards = new TestCards();
    card = cards.card();
  }

  @BeforeEach
  void linkedResident() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    var downlink = new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec());
    downlink.changeAllowList(IssuanceService.RESIDENT_SERVICE, List.of(new AllowEntry(CardIds.development().derive(card.userAuth()), "R1", "", MemberStatus.ACTIVE)), List.of());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private HubConfig config(String residents, String taxes, String verifyBaseUrl) throws Exception {
    Path anchors = cards.writeAnchors(dir.resolve("anchors.pem"));
    var issuance = new IssuanceSettings(anchors.toString(), residents, taxes, verifyBaseUrl, null, null, null, null, null, null, null, null, null);
    return new HubConfig(Role.HUB, "212075", new HubSettings("hub-1", dir.resolve("hub").toString(), ""), null, null, new HttpSettings("0.0.0.0", 8088), issuance, null, true);
  }

  private String file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
  }

  private IssuanceService service(String verifyBaseUrl) throws Exception {
    var config = config(file("residents.csv", HEADER + HANAKO), file("taxes.csv", TAXES), verifyBaseUrl);
    return IssuanceService.from(config, db, OpenHoursClock.weekdayMorning(Clock.systemUTC(), config.issuance()));
  }

  private static ResponseBody ask(IssuanceService hub, String fiscalYear) throws Exception {
    return cards.ask(hub, card, "shotoku", Map.of("fiscalYear", fiscalYear));
  }

  @Test
  void theAskedYearsFiguresAreInTheSignedDocument() throws Exception {
    var granted = assertInstanceOf(ResponseBody.IssuanceGranted.class, ask(service(null), "2026"));
    var entry = granted.document().get("entries").get(0);
    assertEquals("美濃\u3000花子", entry.get("name").asText());
    assertEquals(2026, entry.get("fiscalYear").asInt());
    assertEquals(3_610_000, entry.get("incomeYen").asLong());
    assertEquals(2_260_000, entry.get("taxableIncomeYen").asLong());
    assertEquals(138_600, entry.get("municipalTaxYen").asLong());
    assertEquals(91_400, entry.get("prefecturalTaxYen").asLong());
    assertEquals(CanonicalJson.digest(granted.document()), granted.documentDigest(), "the figures are covered by the signed digest");
    assertEquals(250, granted.feeYen());
  }

  @Test
  void aYearWithoutARecordIsRefusedWithItsCode() throws Exception {
    var refused = assertInstanceOf(ResponseBody.Refused.class, ask(service(null), "2024"));
    assertEquals(RuleDecision.Code.NO_TAX_RECORD.key, refused.code());
  }

  @Test
  void theQrCodesUrlIsTheHubsVerifyPageForTheCode() throws Exception {
    var byDefault = assertInstanceOf(ResponseBody.IssuanceGranted.class, ask(service(null), "2026"));
    assertEquals("http://127.0.0.1:8088/verify/" + byDefault.verificationCode(), byDefault.document().get("verifyUrl").asText(), "a wildcard host is no address for a QR code");
    var configured = assertInstanceOf(ResponseBody.IssuanceGranted.class, ask(service("https://verify.city.mino.example/c/"), "2026"));
    assertEquals("https://verify.city.mino.example/c/" + configured.verificationCode(), configured.document().get("verifyUrl").asText());
  }

  @Test
  void aBadExtractIsAOneLineConfigErrorNamingTheKeyTheFileAndTheFirstProblem() throws Exception {
    String residents = file("residents.csv", HEADER + HANAKO);
    String badTaxes = file("bad-taxes.csv", TAXES + "R1,2025,-1,0,0,0\nR1,1900,1,0,0,0\n");
    var e = assertThrows(ConfigException.class, () -> IssuanceService.from(config(residents, badTaxes, null), db));
    assertEquals("issuance.taxRecords", e.key());
    assertEquals(dir.resolve("bad-taxes.csv").toAbsolutePath().toString(), e.file());
    assertTrue(e.problem().startsWith("2 problems, first: line 3, column income_yen"), e.problem());
    var badRegister = assertThrows(ConfigException.class, () -> IssuanceService.from(config(file("r.csv", HEADER + HANAKO.replace(",2,", ",7,")), "", null), db));
    assertEquals("issuance.residents", badRegister.key());
    assertTrue(badRegister.getMessage().contains("column sex") && !badRegister.getMessage().contains("\n"), badRegister.getMessage());
    var missing = assertThrows(ConfigException.class, () -> IssuanceService.from(config(residents, "no-such-taxes.csv", null), db));
    assertEquals(Path.of("no-such-taxes.csv").toAbsolutePath().toString(), missing.file(), "a relative path is named as resolved");
  }

  @Test
  void theHubDoesNotStartOnABadExtractAndSaysWhyAsAConfigError() throws Exception {
    HubConfig good = config(file("residents.csv", HEADER + HANAKO), file("bad-taxes.csv", TAXES + "R1,2026,1,0,0,0\n"), null);
    HubConfig bad =
        new HubConfig(
            Role.HUB, "212075", good.hub(), new jp.mynaterm.config.BrokerSettings(false, null, null, "tcp://127.0.0.1:9", null, null, null, null),
            new StorageSettings("jdbc:sqlite:" + dir.resolve("start.db"), null, null), new HttpSettings("127.0.0.1", 0), good.issuance(), null, true);
    var e = assertThrows(ConfigException.class, () -> jp.mynaterm.hub.Hub.start(bad, Clock.systemUTC()), "exit code 2 in the launcher, not a crash");
    assertEquals("issuance.taxRecords", e.key());
    assertTrue(e.problem().contains("line 3, column fiscal_year"), e.problem());
  }

  @Test
  void theVerifyBaseUrlMustBeAnHttpUrlEndingWithASlash() {
    for (String bad : List.of("ftp://x/verify/", "http://x/verify", "127.0.0.1:8080/verify/", "http:///verify/")) {
      assertThrows(IllegalArgumentException.class, () -> new IssuanceSettings(null, null, null, bad, null, null, null, null, null, null, null, null, null), bad);
    }
    assertEquals("http://[::1]:8080/verify/", IssuanceSettings.DEFAULT.verifyBaseUrlFor(new HttpSettings("::1", 8080)));
    assertEquals("http://kiosk-hub.local:80/verify/", IssuanceSettings.DEFAULT.verifyBaseUrlFor(new HttpSettings("kiosk-hub.local", 80)));
  }
}
