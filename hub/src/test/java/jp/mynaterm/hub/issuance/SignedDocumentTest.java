package jp.mynaterm.hub.issuance;

import jp.mynaterm.protocol.issuance.CanonicalJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynaterm.config.IssuanceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hub grants: a document with only the asked items, its canonical digest, the city's signature. */
class SignedDocumentTest {
  @TempDir Path dir;

  private static final Resident HEAD =
      new Resident("R1", "H1", "美濃", "花子", "ミノ", "ハナコ", LocalDate.of(1950, 4, 1), Resident.Sex.FEMALE, "岐阜県美濃市１番地", "世帯主", true, "岐阜県美濃市１番地 美濃花子", true, "S-100", Resident.Status.CURRENT);
  private static final Resident CHILD =
      new Resident("R2", "H1", "美濃", "一郎", "ミノ", "イチロウ", LocalDate.of(1980, 5, 5), Resident.Sex.MALE, "岐阜県美濃市１番地", "子", false, "岐阜県美濃市１番地 美濃花子", true, "", Resident.Status.CURRENT);

  private final CertificateDocuments docs = new CertificateDocuments("212075", IssuanceSettings.DEFAULT);

  private ObjectNode juminhyo(Map<String, String> options, Resident applicant) {
    return docs.build(new IssuanceAsk(CertificateType.JUMINHYO, options, 1), applicant, List.of(CHILD, HEAD), null, LocalDate.of(2026, 11, 24), "K7Q2-M9XD-4HRT");
  }

  @Test
  void selfCertificateHasOnlyTheApplicantAndNoOptionalItems() {
    ObjectNode doc = juminhyo(Map.of(), CHILD);
    assertEquals(1, doc.get("entries").size());
    assertEquals("美濃\u3000一郎", doc.get("entries").get(0).get("name").asText());
    assertFalse(doc.get("entries").get(0).has("honseki"), "本籍 only when asked");
    assertFalse(doc.get("entries").get(0).has("relationship"), "続柄 only when asked");
    assertEquals("美濃市長", doc.get("authority").asText());
  }

  @Test
  void householdCertificateListsTheHeadFirstWithAskedItems() {
    ObjectNode doc = juminhyo(Map.of("scope", "household", "honseki", "yes", "zokugara", "yes"), CHILD);
    assertEquals(2, doc.get("entries").size());
    assertEquals("世帯主", doc.get("entries").get(0).get("relationship").asText());
    assertTrue(doc.get("entries").get(1).has("honseki"));
  }

  @Test
  void digestIsCanonicalAndCoversEveryItem() {
    ObjectNode a = juminhyo(Map.of(), HEAD);
    ObjectNode reordered = a.objectNode();
    List.of("verificationCode", "verifyUrl", "householdHead", "entries", "title", "type", "municipality", "issuedOn", "copies", "authority", "statement").forEach(k -> reordered.set(k, a.get(k)));
    assertEquals(CanonicalJson.digest(a), CanonicalJson.digest(reordered), "key order does not change the digest");
    ObjectNode changed = a.deepCopy();
    ((ObjectNode) changed.get("entries").get(0)).put("address", "岐阜県美濃市２番地");
    assertNotEquals(CanonicalJson.digest(a), CanonicalJson.digest(changed));
  }

  @Test
  void issuingKeySignsAndSurvivesRestartAndForgeriesFail() throws Exception {
    String digest = CanonicalJson.digest(juminhyo(Map.of(), HEAD));
    IssuingKey key = IssuingKey.loadOrCreate(dir);
    String sig = key.sign(digest);
    IssuingKey again = IssuingKey.loadOrCreate(dir);
    assertTrue(IssuingKey.verify(again.publicKey(), digest, sig), "same key after a restart");
    String otherDigest = CanonicalJson.digest(juminhyo(Map.of("zokugara", "yes"), HEAD));
    assertFalse(IssuingKey.verify(again.publicKey(), otherDigest, sig));
    assertFalse(IssuingKey.verify(again.publicKey(), digest, "bm90IGEgc2lnbmF0dXJl"));
    assertFalse(IssuingKey.verify(again.publicKey(), digest, "%%%"));
  }

  @Test
  void verificationCodesAreUniqueAndForgivingWhenTyped() {
    VerificationCodes codes = new VerificationCodes();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String c = codes.next();
      assertTrue(c.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), c);
      assertTrue(seen.add(c));
    }
    assertEquals("K7Q2-M9XD-4HR1", VerificationCodes.normalize("k7q2 m9xd 4hrl").orElseThrow());
    assertEquals("K7Q2-M9XD-4H00", VerificationCodes.normalize("K7Q2M9XD4HOO").orElseThrow());
    assertTrue(VerificationCodes.normalize("K7Q2-M9XD").isEmpty());
    assertTrue(VerificationCodes.normalize("K7Q2-M9XD-4HR!").isEmpty());
  }
}
