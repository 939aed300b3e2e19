package jp.mynaterm.hub.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.util.Optional;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.hub.issuance.CertificateType;
import jp.mynaterm.hub.issuance.VerificationCodes;
import jp.mynaterm.hub.issuance.IssuanceRepository;
import jp.mynaterm.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public check of a printed certificate: {@code /verify/{code}} (the QR code on the paper leads
 * here) says whether the hub issued a certificate with that code, when, at which terminal, of which
 * type, and shows the digest of its content, so a receiving office can compare a copy. It shows no
 * personal data: the hub keeps only the code, the digest and where and when. Japanese and English.
 */
public final class VerifyPage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VerifyPage.class);
  private final IssuanceRepository issued;
  private final Javalin app;

  private VerifyPage(Database db) {
    this.issued = new IssuanceRepository(db);
    this.app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      // ./mynaterm test reports outdated dependencies; the server need not say so at every start.
      c.startup.showOldJavalinVersionWarning = false;
      c.routes.get("/verify/{code}", this::verify);
      c.routes.get("/verify", ctx -> {
        String code = ctx.queryParam("code");
        if (code == null) ctx.html(form("")).contentType("text/html; charset=utf-8");
        else ctx.redirect("/verify/" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
      });
    });
  }

  /** Serves the page; empty if the address cannot be bound (the hub goes on without the page). */
  public static Optional<VerifyPage> start(Database db, HttpSettings http) {
    VerifyPage page = new VerifyPage(db);
    Javalin app = page.app;
    try {
      app.start(http.host(), http.port());
      log.info("certificate check page on http://{}:{}/verify", http.host(), app.port());
      return Optional.of(page);
    } catch (RuntimeException e) {
      log.warn("certificate check page not started: {}:{} cannot be bound ({})", http.host(), http.port(), e.getMessage());
      app.stop();
      return Optional.empty();
    }
  }

  public int port() {
    return app.port();
  }

  private void verify(Context ctx) throws SQLException {
    Optional<String> code = VerificationCodes.normalize(ctx.pathParam("code"));
    Optional<IssuanceRepository.Issued> issued = code.isEmpty() ? Optional.empty() : this.issued.issued(code.get());
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store");
    if (issued.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).result(page(
          "<p class=\"no\">この検証コードの証明書は発行されていません。<br>No certificate was issued with this code.</p>"
              + "<p>コードをお確かめください。 Please check the code.</p>" + form(ctx.pathParam("code"))));
      return;
    }
    IssuanceRepository.Issued i = issued.get();
    String title = CertificateType.ofKey(i.type()).map(CertificateType::titleJa).orElse(i.type());
    ctx.result(page(
        "<p class=\"yes\">この証明書は発行されています。<br>This certificate was issued.</p>"
            + "<table>"
            + row("検証コード / Code", i.code())
            + row("種類 / Type", title)
            + row("発行日時 / Issued at", japanTime(i.issuedAt()))
            + row("発行場所 / Terminal", i.terminal())
            + row("通数 / Copies", String.valueOf(i.copies()))
            + row("内容のダイジェスト / Content digest (SHA-256)", "<code>" + i.digest() + "</code>")
            + "</table>"
            + "<p>印刷物の内容がこの証明書と同じかは、ダイジェストで確かめられます。"
            + " The digest identifies the exact content that was issued.</p>"));
  }

  /** The issue time as the receiving office reads it: Japan time, to the minute. */
  static String japanTime(String instant) {
    try {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(JST)'")
          .format(java.time.Instant.parse(instant).atZone(java.time.ZoneId.of("Asia/Tokyo")));
    } catch (java.time.DateTimeException e) {
      return instant;
    }
  }

  private static String row(String label, String value) {
    return "<tr><th scope=\"row\">" + label + "</th><td>" + value + "</td></tr>";
  }

  private static String form(String typed) {
    String safe = typed.replaceAll("[^0-9A-Za-z -]", "");
    return "<form method=\"get\" action=\"/verify\"><label for=\"code\">検証コード / Verification code</label> "
        + "<input id=\"code\" name=\"code\" value=\"" + safe + "\" autocomplete=\"off\"> <button type=\"submit\">確認 / Check</button></form>";
  }

  private static String page(String body) {
    return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>証明書の確認 / Certificate check</title><style>body{font-family:sans-serif;font-size:20px;max-width:50em;margin:2em auto;padding:0 1em}"
        + "th{text-align:left;padding-right:1em}code{word-break:break-all}.yes{color:#075e00;font-weight:bold}.no{color:#8a1c00;font-weight:bold}"
        + "input,button{font-size:20px;min-height:44px}</style></head><body><h1>美濃市 証明書の確認 / Certificate check</h1>" + body + "</body></html>";
  }

  @Override
  public void close() {
    app.stop();
  }
}
