package jp.mynaterm.hub.paper;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynaterm.protocol.issuance.CertificateItems;
import jp.mynaterm.protocol.issuance.SignedPaper;

/**
 * A printed certificate's QR code checked offline against the city's issuing key: the signed fields
 * as the paper prints them (so an officer compares them with the paper, line by line) and whether the
 * signature is the city's. Whether the hub issued the code, and whether it still stands, is the hub's
 * to say (its /verify page); this is what the paper alone proves.
 *
 * @param rows the signed fields under the paper's labels: type, code, issue date, then the table's rows
 * @param code the verification code the fields name
 * @param signatureValid whether the city's issuing key signed exactly these fields
 * @param otherKey whether the code names a key other than the one checked with (a wrong key file, or a forgery)
 */
public record PaperCheck(List<Map.Entry<String, String>> rows, String code, boolean signatureValid, boolean otherKey) {

  /**
   * @return empty when the text carries no signed fields (a code from before they were signed, or another QR code)
   * @throws IllegalArgumentException when it carries a JWS that cannot be read (damaged or not the city's format)
   */
  public static Optional<PaperCheck> of(String qrText, PublicKey key) {
    Optional<String> jws = SignedPaper.fromQrText(qrText);
    if (jws.isEmpty()) return Optional.empty();
    SignedPaper.Opened opened = SignedPaper.open(jws.get(), key);
    JsonNode f = opened.fields();
    List<Map.Entry<String, String>> rows = new ArrayList<>();
    rows.add(Map.entry("証明書 / Certificate", f.path("title").asText("")));
    rows.add(Map.entry("検証コード / Code", f.path("verificationCode").asText("")));
    rows.add(Map.entry("発行日 / Issued on", issuedOn(f.path("issuedOn").asText(""))));
    rows.add(f.has("copy")
        ? Map.entry("写し / Copy", f.path("copies").asText("") + "通のうち" + f.path("copy").asText() + "通目 / copy " + f.path("copy").asText() + " of " + f.path("copies").asText(""))
        : Map.entry("通数 / Copies", f.path("copies").asText("")));
    rows.addAll(CertificateItems.rows(f));
    boolean otherKey = !SignedPaper.keyId(key).equals(opened.header().path("kid").asText());
    return Optional.of(new PaperCheck(List.copyOf(rows), f.path("verificationCode").asText(""), opened.signatureValid(), otherKey));
  }

  private static String issuedOn(String iso) {
    try {
      return CertificateItems.eraDate(java.time.LocalDate.parse(iso));
    } catch (java.time.DateTimeException e) {
      return iso;
    }
  }
}
