package jp.mynaterm.hub.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import jp.mynaterm.config.IssuanceSettings;

/**
 * Builds the content of a certificate, the document the hub signs and the kiosk prints. Its layout
 * is what the kiosk's renderer reads: {@code title}, {@code entries} (one object per person or per
 * year), {@code statement}, {@code authority}, {@code issuedOn}, {@code verificationCode} and {@code verifyUrl}
 * (the hub's public check page for that code, for the printed QR code); an 印鑑登録証明書's entry
 * carries {@code sealImpression}, the registered impression's image in base64. Only the
 * items a type and its options call for are included (no 本籍 or 続柄 unless asked).
 */
public final class CertificateDocuments {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String municipalityCode;
  private final IssuanceSettings settings;
  private final String verifyBaseUrl;

  /** With the verify page at its default place ({@code http://127.0.0.1:8080/verify/} unless set). */
  public CertificateDocuments(String municipalityCode, IssuanceSettings settings) {
    this(municipalityCode, settings, settings.verifyBaseUrlFor(jp.mynaterm.config.HttpSettings.DEFAULT_HUB));
  }

  /** @param verifyBaseUrl the public {@code /verify/} page, ending with {@code /}; the code is appended */
  public CertificateDocuments(String municipalityCode, IssuanceSettings settings, String verifyBaseUrl) {
    this.municipalityCode = municipalityCode;
    this.settings = settings;
    this.verifyBaseUrl = verifyBaseUrl;
  }

  /**
   * A document with one verification code for all its copies (no {@code papers}).
   *
   * @param household everyone in the applicant's household (the applicant included), for the
   *     household 住民票; ignored otherwise
   * @param tax the record for the asked fiscal year, for 所得・課税証明書; null otherwise
   */
  public ObjectNode build(IssuanceAsk ask, Resident applicant, List<Resident> household, TaxRecord tax, LocalDate issuedOn, String verificationCode) {
    return content(ask, applicant, household, tax, issuedOn, verificationCode);
  }

  /**
   * A document with one verification code per copy, so each printed sheet can be valid or void on its
   * own: {@code papers} lists, in print order, each copy's {@code copy} (1, 2, …), {@code verificationCode}
   * and {@code verifyUrl} ({@code IssuingKey.sealInto} adds each one's {@code qr}); the document's own
   * code and URL are the first copy's, the code the kiosk reports the grant by.
   *
   * @param copyCodes one code per copy asked for
   */
  public ObjectNode build(IssuanceAsk ask, Resident applicant, List<Resident> household, TaxRecord tax, LocalDate issuedOn, List<String> copyCodes) {
    if (copyCodes.size() != ask.copies()) throw new IllegalArgumentException(copyCodes.size() + " codes for " + ask.copies() + " copies");
    ObjectNode doc = content(ask, applicant, household, tax, issuedOn, copyCodes.get(0));
    ArrayNode papers = doc.putArray("papers");
    for (int i = 0; i < copyCodes.size(); i++) {
      papers.addObject().put("copy", i + 1).put("verificationCode", copyCodes.get(i)).put("verifyUrl", verifyBaseUrl + copyCodes.get(i));
    }
    return doc;
  }

  private ObjectNode content(IssuanceAsk ask, Resident applicant, List<Resident> household, TaxRecord tax, LocalDate issuedOn, String verificationCode) {
    ObjectNode doc = JSON.objectNode();
    doc.put("type", ask.type().key());
    doc.put("title", ask.type().titleJa());
    doc.putObject("municipality").put("code", municipalityCode).put("name", settings.cityName());
    doc.put("issuedOn", issuedOn.toString());
    doc.put("copies", ask.copies());
    doc.put("verificationCode", verificationCode);
    doc.put("verifyUrl", verifyBaseUrl + verificationCode);
    doc.put("authority", settings.authority());
    ArrayNode entries = doc.putArray("entries");
    switch (ask.type()) {
      case JUMINHYO -> {
        boolean wholeHousehold = ask.option("scope", "self").equals("household");
        boolean withHonseki = ask.option("honseki", "no").equals("yes");
        boolean withRelationship = ask.option("zokugara", "no").equals("yes");
        List<Resident> people =
            wholeHousehold
                ? household.stream().sorted(Comparator.comparing((Resident r) -> !r.headOfHousehold()).thenComparing(Resident::birthDate)).toList()
                : List.of(applicant);
        // Every 住民票 names the head of household (世帯主) above the people it certifies.
        Resident head = household.stream().filter(Resident::headOfHousehold).findFirst().orElse(applicant);
        doc.put("householdHead", head.fullName());
        for (Resident r : people) {
          ObjectNode e = person(entries, r);
          e.put("address", r.address());
          if (withRelationship) e.put("relationship", r.relationship());
          if (withHonseki) e.put("honseki", r.honseki());
        }
        doc.put("statement", "この写しは、住民票の原本と相違ないことを証明する。");
      }
      case INKAN -> {
        ObjectNode e = person(entries, applicant);
        e.put("address", applicant.address());
        e.put("sealNumber", applicant.sealNumber());
        // The rules grant 印鑑登録証明書 only with an impression on file; without one there is nothing to print.
        if (applicant.sealImpression() != null) e.put("sealImpression", impression(applicant));
        doc.put("statement", "この写しは、登録されている印影と相違ないことを証明する。");
      }
      case SHOTOKU -> {
        ObjectNode e = person(entries, applicant);
        e.put("address", applicant.address());
        e.put("fiscalYear", tax.fiscalYear());
        e.put("incomeYen", tax.incomeYen());
        e.put("taxableIncomeYen", tax.taxableIncomeYen());
        e.put("municipalTaxYen", tax.municipalTaxYen());
        e.put("prefecturalTaxYen", tax.prefecturalTaxYen());
        doc.put("statement", "上記のとおり証明する。");
      }
      case FUHYO -> {
        ObjectNode e = person(entries, applicant);
        e.put("honseki", applicant.honseki());
        e.put("address", applicant.address());
        doc.put("statement", "この写しは、戸籍の附票の原本と相違ないことを証明する。");
      }
    }
    return doc;
  }

  /**
   * What the printed QR code signs ({@code IssuingKey.sealPaper}): every field an officer compares with
   * the paper — type and title, issue date, verification code, the people and their items — with the
   * municipality's code as {@code iss}; not the fixed statement and authority, the URL or the
   * impression's image, which would outgrow a QR code.
   */
  public static ObjectNode paperFields(ObjectNode doc) {
    ObjectNode fields = doc.deepCopy();
    fields.remove(List.of("statement", "authority", "verifyUrl", "municipality", "qr", "papers"));
    fields.put("iss", doc.path("municipality").path("code").asText());
    fields.withArray("entries").forEach(e -> ((ObjectNode) e).remove("sealImpression"));
    return fields;
  }

  /** What one copy's QR code signs ({@code paper}: one of {@code papers}): the document's fields with that copy's code and number. */
  public static ObjectNode paperFields(ObjectNode doc, JsonNode paper) {
    ObjectNode fields = paperFields(doc);
    fields.put("verificationCode", paper.path("verificationCode").asText());
    fields.put("copy", paper.path("copy").asInt());
    return fields;
  }

  /** The registered impression's image (PNG or JPEG), base64, for the kiosk to print beside the statement. */
  private static String impression(Resident r) {
    try {
      return java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(r.sealImpression()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("seal impression unreadable", e);
    }
  }

  private static ObjectNode person(ArrayNode entries, Resident r) {
    ObjectNode e = entries.addObject();
    e.put("name", r.fullName());
    e.put("kana", (r.familyNameKana() + "\u3000" + r.givenNameKana()).strip());
    e.put("birthDate", r.birthDate().toString());
    e.put("sex", r.sex().ja);
    return e;
  }
}
