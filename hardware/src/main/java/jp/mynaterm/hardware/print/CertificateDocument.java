package jp.mynaterm.hardware.print;

import java.time.LocalDate;
import java.util.List;

/**
 * What a certificate says, laid out by {@link CertificateRenderer} like a 住民票の写し: a title, a
 * table of entries, the certifying statement, the issuing authority and date, and a verification
 * code with its QR code (content from the hub, so anyone can check the copy is genuine).
 *
 * @param qrContent the QR code's text: the hub's verify URL, with the signed fields as its fragment
 * @param sealImpression a registered seal's impression (印影, PNG or JPEG) for an 印鑑登録証明書; null otherwise
 */
public record CertificateDocument(
    String title,
    List<Entry> entries,
    String statement,
    String issuer,
    LocalDate issued,
    String verificationCode,
    String qrContent,
    byte[] sealImpression) {

  /** One row of the table: 氏名, 住所, 生年月日, … */
  public record Entry(String label, String value) {}

  public CertificateDocument {
    entries = List.copyOf(entries);
  }

  /** A certificate without a seal impression. */
  public CertificateDocument(String title, List<Entry> entries, String statement, String issuer, LocalDate issued, String verificationCode, String qrContent) {
    this(title, entries, statement, issuer, issued, verificationCode, qrContent, null);
  }

  /** Made-up data for the sample command, the demo and tests; no real person's details. */
  public static CertificateDocument sample(LocalDate issued, String verificationCode) {
    return new CertificateDocument(
        "住民票の写し",
        List.of(
            new Entry("住所", "岐阜県美濃市泉町１丁目３番地"),
            new Entry("世帯主", "見本　太郎"),
            new Entry("氏名", "見本　花子"),
            new Entry("生年月日", "平成２年４月１日"),
            new Entry("性別", "女"),
            new Entry("続柄", "妻"),
            new Entry("住民となった年月日", "平成２年４月１日"),
            new Entry("住所を定めた年月日", "令和３年１０月１日　届出 令和３年１０月５日"),
            new Entry("前住所", "岐阜県関市若草通２丁目１番地"),
            new Entry("備考", "（見本）この証明書は見本です。")),
        "この写しは、住民票の原本と相違ないことを証明する。",
        "岐阜県美濃市長　見本　一郎",
        issued,
        verificationCode,
        "https://verify.example.jp/212075/" + verificationCode);
  }
}
