package jp.mynaterm.kiosk.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import jp.mynaterm.hardware.print.CertificateDocument;
import jp.mynaterm.protocol.issuance.CertificateItems;

/**
 * The hub's signed document (see the hub's {@code CertificateDocuments}) as the rows a certificate
 * prints ({@link CertificateItems}: Japanese labels, era dates, yen). Only the items the hub put in are
 * printed (no 本籍 or 続柄 unless the resident asked for them); an 印鑑登録証明書 prints the registered
 * impression the document carries; the QR code carries the hub's {@code qr} text (the verify URL with
 * the signed fields), or the verify URL alone from a hub that signs no fields.
 */
public final class PrintableCertificate {
  private PrintableCertificate() {}

  /** The document's first copy (the only one of a document with one code for all copies). */
  public static CertificateDocument from(JsonNode doc) {
    return from(doc, 1);
  }

  /**
   * Copy {@code copy} of the document: with that copy's own verification code and QR code (from the
   * document's {@code papers}), so each sheet is valid or void by itself; a document without
   * {@code papers} prints its one code on every copy.
   *
   * @throws IllegalArgumentException when the document lacks what every certificate prints (a
   *     title, a date, a verification code, that copy) — never expected from a hub that signed it
   */
  public static CertificateDocument from(JsonNode doc, int copy) {
    String title = required(doc, "title");
    JsonNode papers = doc.path("papers");
    if (!papers.isEmpty() && (copy < 1 || copy > papers.size())) throw new IllegalArgumentException("the document has no copy " + copy);
    JsonNode paper = papers.isEmpty() ? doc : papers.get(copy - 1);
    String code = required(paper, "verificationCode");
    LocalDate issued;
    try {
      issued = LocalDate.parse(required(doc, "issuedOn"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("issuedOn is not a date");
    }
    List<CertificateDocument.Entry> rows = CertificateItems.rows(doc).stream().map(e -> new CertificateDocument.Entry(e.getKey(), e.getValue())).toList();
    String city = doc.path("municipality").path("name").asText("");
    String authority = doc.path("authority").asText(city);
    String qr = paper.path("qr").asText(paper.path("verifyUrl").asText(code));
    byte[] impression = null;
    for (JsonNode person : doc.path("entries")) {
      if (person.hasNonNull("sealImpression")) impression = Base64.getDecoder().decode(person.get("sealImpression").asText());
    }
    return new CertificateDocument(title, rows, doc.path("statement").asText(""), authority, issued, code, qr, impression);
  }

  private static String required(JsonNode doc, String field) {
    JsonNode v = doc.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException("the document has no " + field);
    return v.asText();
  }
}
