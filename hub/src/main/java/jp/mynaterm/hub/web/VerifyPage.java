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
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public check of a printed certificate: {@code /verify/{code}} (the QR code on the paper leads
 * here) says whether a certificate with that code is valid (paid and printed), void (never printed,
 * refunded) or not yet reported by its kiosk, when it was granted, at which terminal, of which type,
 * and shows the digest of its content, so a receiving office can compare a copy. It shows no
 * personal data: the hub keeps only the code, the digest and where and when. Japanese and English,
 * from the jte template {@code src/main/jte/verify.jte} (escaped output), with a strict
 * Content-Security-Policy and no framing.
 */
public final class VerifyPage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VerifyPage.class);
  /** Templates compiled at build time (src/main/jte); every value they show is escaped for HTML. */
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  /** Only this server's stylesheet, no script at all, no framing, no form posting elsewhere. */
  private static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer");

  /**
   * What the page shows of a granted certificate, as the receiving office reads it.
   *
   * @param status valid (paid and printed), void (not printed: refunded or never paid) or awaiting
   *     (granted; the kiosk has not reported yet)
   * @param copies the copies printed when valid, else the copies granted
   */
  public record Found(String code, String type, String issuedAt, String terminal, int copies, String digest, String status) {}

  private final IssuanceRepository issued;
  private final String city;
  private final boolean development;
  private final Javalin app;

  private VerifyPage(Database db, String city, boolean development) {
    this.issued = new IssuanceRepository(db);
    this.city = city;
    this.development = development;
    this.app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      // ./mynaterm test reports outdated dependencies; the server need not say so at every start.
      c.startup.showOldJavalinVersionWarning = false;
      c.routes.before(ctx -> HEADERS.forEach(ctx::header));
      c.routes.get("/verify.css", VerifyPage::stylesheet);
      c.routes.get("/verify/{code}", this::verify);
      c.routes.get("/verify", ctx -> {
        String code = ctx.queryParam("code");
        if (code == null) render(ctx, "", null, false);
        else ctx.redirect("/verify/" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
      });
    });
  }

  /**
   * Serves the page; empty if the address cannot be bound (the hub goes on without the page).
   *
   * @param city the municipality's name as the page's heading shows it ({@code issuance.cityName})
   * @param development whether the page shows the development mode ribbon at its top
   */
  public static Optional<VerifyPage> start(Database db, HttpSettings http, String city, boolean development) {
    VerifyPage page = new VerifyPage(db, city, development);
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
    if (issued.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      render(ctx, ctx.pathParam("code"), null, true);
      return;
    }
    IssuanceRepository.Issued i = issued.get();
    IssuanceRepository.Outcome outcome = this.issued.outcome(i.code());
    String title = CertificateType.ofKey(i.type()).map(CertificateType::titleJa).orElse(i.type());
    int copies = outcome.status() == IssuanceRepository.Status.VALID ? outcome.printedCopies() : i.copies();
    String status = outcome.status().name().toLowerCase(java.util.Locale.ROOT);
    render(ctx, "", new Found(i.code(), title, japanTime(i.issuedAt()), i.terminal(), copies, i.digest(), status), true);
  }

  private void render(Context ctx, String typed, Found found, boolean asked) {
    StringOutput out = new StringOutput();
    Map<String, Object> params = new java.util.HashMap<>(Map.of("city", city, "typed", typed, "asked", asked, "development", development));
    params.put("found", found); // null: nothing found, the form is shown
    TEMPLATES.render("verify.jte", params, out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
  }

  private static void stylesheet(Context ctx) throws java.io.IOException {
    try (var in = VerifyPage.class.getResourceAsStream("verify.css")) {
      ctx.contentType("text/css; charset=utf-8").result(in.readAllBytes());
    }
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

  @Override
  public void close() {
    app.stop();
  }
}
