package jp.mynaterm.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.config.StorageSettings;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hub.issuance.IssuanceRepository;
import jp.mynaterm.hub.storage.EventRepository;
import jp.mynaterm.hub.storage.EventRow;
import jp.mynaterm.protocol.event.CertificateIssued;
import jp.mynaterm.protocol.event.CertificateVoided;
import jp.mynaterm.protocol.message.EventRecord;
import jp.mynaterm.protocol.time.Stamp;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.web.VerifyPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiving office checks a printed certificate by its code. */
class VerifyPageTest {
  @TempDir Path dir;

  @Test
  void anIssuedCodeShowsWhenWhereAndTheDigestAndAnUnknownOneSaysSo() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      new IssuanceRepository(db).recordIssued(new IssuanceRepository.Issued("K7Q2-M9XD-4HRT", "ab".repeat(32), "kiosk-1", "juminhyo", 1, "2026-11-24T01:00:00Z"));
      VerifyPage page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "テスト市", false).orElseThrow();
      try (page) {
        HttpClient http = HttpClient.newHttpClient();
        // typed as a person would: lower case, O for 0 and no dashes all work
        var found = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/k7q2m9xd4hrt")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, found.statusCode());
        assertTrue(found.body().contains("住民票の写し") && found.body().contains("kiosk-1") && found.body().contains("ab".repeat(32)), found.body());
        assertTrue(found.body().contains("2026-11-24 10:00 (JST)"), "when, in Japan time: " + found.body());
        var missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/ZZZZ-ZZZZ-ZZZZ")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("発行されていません"));
        var nonsense = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/%3Cscript%3E")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nonsense.statusCode());
        assertFalse(nonsense.body().contains("<script>"), "what was typed is never echoed as markup");
        assertTrue(nonsense.body().contains("value=\"&lt;script"), "it is shown back escaped: " + nonsense.body());
        assertTrue(found.body().contains("テスト市 証明書の確認"), "the municipality from the configuration");
        assertFalse(found.body().contains("DEVELOPMENT MODE"), "no ribbon outside development mode");
        for (var answer : java.util.List.of(found, missing)) {
          String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
          assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), csp);
          assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
        var css = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify.css")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode(), "the page's own stylesheet, the only style the policy lets in");
      }
    }
  }

  @Test
  void aCodeIsValidOnlyOnceItsKioskReportsItPrintedAndVoidWhenNothingCameOut() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      var issued = new IssuanceRepository(db);
      for (String code : List.of("AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC")) {
        issued.recordIssued(new IssuanceRepository.Issued(code, "ab".repeat(32), "kiosk-1", "juminhyo", 2, "2026-11-24T01:00:00Z"));
      }
      Instant t = Instant.parse("2026-11-24T01:01:00Z");
      new EventRepository(db).store(List.of(
          new EventRow("kiosk-1", new EventRecord(1, new Stamp(t, "boot", 1, true), new CertificateIssued("juminhyo", "AAAA-AAAA-AAAA", 1, 250, "pay-a", "ab".repeat(32)))),
          new EventRow("kiosk-1", new EventRecord(2, new Stamp(t, "boot", 2, true), new CertificateVoided("juminhyo", "BBBB-BBBB-BBBB", "pay-b", "print-failed")))));
      assertEquals(new IssuanceRepository.Outcome(IssuanceRepository.Status.VALID, 1), issued.outcome("AAAA-AAAA-AAAA"), "one of two copies came out");
      assertEquals(IssuanceRepository.Status.VOID, issued.outcome("BBBB-BBBB-BBBB").status());
      assertEquals(IssuanceRepository.Status.AWAITING, issued.outcome("CCCC-CCCC-CCCC").status(), "granted is not issued");
      try (VerifyPage page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "テスト市", false).orElseThrow()) {
        HttpClient http = HttpClient.newHttpClient();
        String voided = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/BBBB-BBBB-BBBB")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(voided.contains("この検証コードは無効です") && !voided.contains("有効です"), voided);
        String valid = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/AAAA-AAAA-AAAA")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(valid.contains("この証明書は有効です"), valid);
      }
    }
  }

  @Test
  void eachCopysCodeIsValidWhenThatCopyCameOutAndVoidWhenItDidNot() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      var issued = new IssuanceRepository(db);
      List<String> jammed = List.of("DDDD-DDDD-DDD1", "DDDD-DDDD-DDD2", "DDDD-DDDD-DDD3");
      List<String> refunded = List.of("EEEE-EEEE-EEE1", "EEEE-EEEE-EEE2");
      for (List<String> grant : List.of(jammed, refunded)) {
        issued.recordIssued(java.util.stream.IntStream.range(0, grant.size())
            .mapToObj(i -> new IssuanceRepository.Issued(grant.get(i), "ab".repeat(32), "kiosk-1", "juminhyo", grant.size(), "2026-11-24T01:00:00Z", grant.get(0), i + 1))
            .toList());
      }
      assertEquals(IssuanceRepository.Status.AWAITING, issued.outcome("DDDD-DDDD-DDD3").status(), "every copy's code is recorded at the grant");
      Instant t = Instant.parse("2026-11-24T01:01:00Z");
      // Three copies granted, the third jammed late: two came out, paid for; two voided by the refund.
      new EventRepository(db).store(List.of(
          new EventRow("kiosk-1", new EventRecord(1, new Stamp(t, "boot", 1, true), new CertificateIssued("juminhyo", jammed.get(0), 2, 500, "pay-d", "ab".repeat(32)))),
          new EventRow("kiosk-1", new EventRecord(2, new Stamp(t, "boot", 2, true), new CertificateVoided("juminhyo", refunded.get(0), "pay-e", "print-failed")))));
      assertEquals(new IssuanceRepository.Outcome(IssuanceRepository.Status.VALID, 1), issued.outcome(jammed.get(0)));
      assertEquals(IssuanceRepository.Status.VALID, issued.outcome(jammed.get(1)).status());
      assertEquals(IssuanceRepository.Status.VOID, issued.outcome(jammed.get(2)).status(), "the copy that jammed is void, its sisters stay valid");
      assertEquals(IssuanceRepository.Status.VOID, issued.outcome(refunded.get(1)).status());
      try (VerifyPage page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "テスト市", false).orElseThrow()) {
        HttpClient http = HttpClient.newHttpClient();
        String third = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/DDDD-DDDD-DDD3")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(third.contains("この検証コードは無効です") && third.contains("copy 3 of 3"), third);
        var second = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify/DDDD-DDDD-DDD2")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(second.contains("\"status\":\"valid\"") && second.contains("\"copy\":2") && second.contains("\"copies\":3"), second);
      }
    }
  }

  @Test
  void inDevelopmentModeThePageSaysSo() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
        VerifyPage page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "テスト市", true).orElseThrow()) {
      var form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/verify")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, form.statusCode());
      assertTrue(form.body().contains("<aside class=\"development-mode\" aria-label=\"開発モード / DEVELOPMENT MODE\">"), form.body());
    }
  }

  @Test
  void thePapersSignedFieldsShowBesideTheSignatureAndTheStatusAndJsonAnswersTheLauncher() throws Exception {
    try (Database db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null))) {
      new IssuanceRepository(db).recordIssued(new IssuanceRepository.Issued("K7Q2-M9XD-4HRT", "ab".repeat(32), "kiosk-1", "juminhyo", 1, "2026-11-24T01:00:00Z"));
      var key = jp.mynaterm.hub.issuance.IssuingKey.loadOrCreate(dir);
      var fields = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("title", "住民票の写し").put("verificationCode", "K7Q2-M9XD-4HRT").put("issuedOn", "2026-11-24");
      fields.putArray("entries").addObject().put("name", "美濃　花子");
      String jws = key.sealPaper(fields);
      try (VerifyPage page = VerifyPage.start(db, new HttpSettings("127.0.0.1", 0), "テスト市", false, key.publicKey()).orElseThrow()) {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + page.port();
        var good = http.send(paper(base, base + "/verify/K7Q2-M9XD-4HRT#" + jws), HttpResponse.BodyHandlers.ofString());
        assertTrue(good.body().contains("美濃　花子") && good.body().contains("署名は有効です") && good.body().contains("kiosk-1"), good.body());
        String forged = jws.substring(0, jws.lastIndexOf('.') + 1) + "A" + jws.substring(jws.lastIndexOf('.') + 2);
        var bad = http.send(paper(base, forged), HttpResponse.BodyHandlers.ofString());
        assertTrue(bad.body().contains("署名が無効です"), bad.body());
        var page404 = http.send(HttpRequest.newBuilder(URI.create(base + "/verify/K7Q2-M9XD-4HRT")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page404.body().contains("<script src=\"/verify.js\"") && page404.body().contains("id=\"paper-form\""), "the script that posts the URL's fragment");
        var json = http.send(HttpRequest.newBuilder(URI.create(base + "/verify/K7Q2-M9XD-4HRT")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(json.body().contains("\"terminal\":\"kiosk-1\"") && json.body().startsWith("{"), json.body());
      }
    }
  }

  /** What the page's form (and verify.js) sends: multipart, the QR code's text in {@code qr}. */
  private static HttpRequest paper(String base, String qrText) {
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"qr\"\r\n\r\n" + qrText + "\r\n--" + boundary + "--\r\n";
    return HttpRequest.newBuilder(URI.create(base + "/verify/paper")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build();
  }
}
