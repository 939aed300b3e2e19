package jp.mynaterm.kiosk.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.hardware.print.CertificateRenderer;

/**
 * The hub's signed document (see the hub's {@code CertificateDocuments}) as the rows a certificate
 * prints: each person's items under Japanese labels, dates in the Japanese era, amounts in yen. Only
 * the items the hub put in are printed (no 本籍 or 続柄 unless the resident asked for them).
 */
public final class PrintableCertificate {
  /** Item → label, in the order a 住民票 lists them. */
  private static final List<String[]> LABELS =
      List.of(
          new String[] {"name", "氏名"},
          new String[] {"kana", "ふりがな"},
          new String[] {"birthDate", "生年月日"},
          new String[] {"sex", "性別"},
          new String[] {"relationship", "続柄"},
          new String[] {"address", "住所"},
          new String[] {"honseki", "本籍"},
          new String[] {"sealNumber", "印鑑登録番号"},
          new String[] {"fiscalYear", "年度"},
          new String[] {"incomeYen", "所得金額"},
          new String[] {"taxableIncomeYen", "課税所得金額"},
          new String[] {"municipalTaxYen", "市民税額"},
          new String[] {"prefecturalTaxYen", "県民税額"});

  private PrintableCertificate() {}

  /**
   * @throws IllegalArgumentException when the document lacks what every certificate prints (a
   *     title, a date, a verification code) — never expected from a hub that signed it
   */
  public static CertificateDocument from(JsonNode doc) {
    String title = required(doc, "title");
    String code = required(doc, "verificationCode");
    LocalDate issued;
    try {
      issued = LocalDate.parse(required(doc, "issuedOn"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("issuedOn is not a date");
    }
    List<CertificateDocument.Entry> rows = new ArrayList<>();
    if (doc.hasNonNull("householdHead")) rows.add(new CertificateDocument.Entry("世帯主", doc.get("householdHead").asText()));
    for (JsonNode person : doc.path("entries")) {
      for (String[] label : LABELS) {
        JsonNode value = person.get(label[0]);
        if (value != null && !value.isNull() && !value.asText().isEmpty()) rows.add(new CertificateDocument.Entry(label[1], text(label[0], value)));
      }
    }
    String city = doc.path("municipality").path("name").asText("");
    String authority = doc.path("authority").asText(city);
    String verifyUrl = doc.path("verifyUrl").asText(code);
    return new CertificateDocument(title, rows, doc.path("statement").asText(""), authority, issued, code, verifyUrl);
  }

  private static String text(String item, JsonNode value) {
    return switch (item) {
      case "birthDate" -> {
        try {
          yield CertificateRenderer.eraDate(LocalDate.parse(value.asText()));
        } catch (RuntimeException e) {
          yield value.asText();
        }
      }
      case "fiscalYear" -> fiscalYear(value.asInt());
      case "incomeYen", "taxableIncomeYen", "municipalTaxYen", "prefecturalTaxYen" -> NumberFormat.getIntegerInstance(Locale.JAPAN).format(value.asLong()) + "円";
      default -> value.asText();
    };
  }

  /** 令和8年度 for 2026: the fiscal year starts in April, named after the era year it starts in. */
  private static String fiscalYear(int year) {
    String date = CertificateRenderer.eraDate(LocalDate.of(year, 4, 1));
    return date.substring(0, date.indexOf('年')) + "年度";
  }

  private static String required(JsonNode doc, String field) {
    JsonNode v = doc.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException("the document has no " + field);
    return v.asText();
  }
}
