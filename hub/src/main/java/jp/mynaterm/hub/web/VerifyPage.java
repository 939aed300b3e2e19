package jp.mynaterm.hub.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.hub.http.Answers;
import jp.mynaterm.config.HttpSettings;
import jp.mynaterm.hub.issuance.CertificateType;
import jp.mynaterm.hub.issuance.VerificationCodes;
import jp.mynaterm.hub.issuance.IssuanceRepository;
import jp.mynaterm.hub.paper.PaperCheck;
import jp.mynaterm.hub.paper.PaperReader;
import jp.mynaterm.hub.storage.Database;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The public check of a printed certificate: {@code /verify/{code}} (the QR code on the paper leads
 * here) says whether the paper with that code is valid (paid and printed), void (never printed,
 * refunded) or not yet reported by its kiosk — each copy has its own code, so one copy that jammed is
 * void while the others are valid — when it was granted, at which terminal, of which type,
 * and shows the digest of its content, so a receiving office can compare a copy. It shows no
 * personal data: the hub keeps only the code, the digest and where and when. Japanese and English,
 * from the jte template {@code src/main/jte/verify.jte} (escaped output), with a strict
 * Content-Security-Policy and no framing. Asked with {@code Accept: application/json} it answers the same
 * facts as JSON ({@code ./mynaterm verify} asks so).
 *
 * <p>The paper's own proof: the QR code's text is this page's URL with the signed fields as its
 * fragment, which a browser never sends. The page's one script ({@code verify.js}, same origin) posts
 * that fragment to {@code POST /verify/paper}, which shows the fields the city signed, under the paper's
 * labels, beside "signature valid" and the status here, so an officer compares them with the paper; the
 * same form takes a scan or the kiosk's PDF. Nothing posted is stored or logged.
 */
public final class VerifyPage implements AutoCloseable {
  /** Templates compiled at build time (src/main/jte); every value they show is escaped for HTML. */
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  /**
   * What the page shows of a granted certificate, as the receiving office reads it.
   *
   * @param status of this code's paper: valid (paid and printed), void (not printed: refunded, never
   *     paid, or a sheet that jammed) or awaiting (granted; the kiosk has not reported yet)
   * @param copies the copies granted; for a code covering all copies of its grant, the copies printed when valid
   * @param copy the copy this code is printed on (1 to {@code copies}); 0 when one code covers all copies
   */
  public record Found(String code, String type, String issuedAt, String terminal, int copies, String digest, String status, int copy) {}

  /** The signed fields of a paper as the page shows them, and the verdict on their signature. */
  public record Paper(List<Map.Entry<String, String>> rows, boolean signatureValid, String verdict) {}


  private final IssuanceRepository issued;
  private final String city;
  private final boolean development;
  private final PublicKey issuingKey;
  /** The server when this page started its own ({@link #start}); null when it is part of the hub's. */
  private HubWeb web;

  /**
   * The page's routes, to add to the hub's one server ({@link #routes}).
   *
   * @param city the municipality's name as the page's heading shows it ({@code issuance.cityName})
   * @param development whether the page shows the development mode ribbon at its top
   * @param issuingKey the city's issuing public key, to check a paper's signed fields; null: not offered
   */
  public VerifyPage(Database db, String city, boolean development, PublicKey issuingKey) {
    this.issued = new IssuanceRepository(db);
    this.city = city;
    this.development = development;
    this.issuingKey = issuingKey;
  }

  /** Adds {@code /verify…} to a server. */
  public void routes(RoutesConfig routes) {
    routes.get("/verify.css", ctx -> Answers.resource(ctx, VerifyPage.class, "verify.css"));
    routes.get("/verify.js", ctx -> Answers.resource(ctx, VerifyPage.class, "verify.js"));
    routes.post("/verify/paper", this::paper);
    routes.get("/verify/{code}", this::verify);
    routes.get("/verify", ctx -> {
      String code = ctx.queryParam("code");
      if (code == null) render(ctx, "", null, false, null);
      else ctx.redirect("/verify/" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
    });
  }

  /**
   * Serves the page; empty if the address cannot be bound (the hub goes on without the page).
   *
   * @param city the municipality's name as the page's heading shows it ({@code issuance.cityName})
   * @param development whether the page shows the development mode ribbon at its top
   */
  public static Optional<VerifyPage> start(Database db, HttpSettings http, String city, boolean development) {
    return start(db, http, city, development, null);
  }

  /** @param issuingKey the city's issuing public key, to check a paper's signed fields; null: not offered */
  public static Optional<VerifyPage> start(Database db, HttpSettings http, String city, boolean development, PublicKey issuingKey) {
    return start(db, http, city, development, issuingKey, null);
  }

  /** @param metrics serves {@code GET /metrics} on the same server (the hub's {@code HubMetrics}); null: none */
  public static Optional<VerifyPage> start(
      Database db, HttpSettings http, String city, boolean development, PublicKey issuingKey, io.javalin.http.Handler metrics) {
    VerifyPage page = new VerifyPage(db, city, development, issuingKey);
    List<java.util.function.Consumer<RoutesConfig>> parts = new java.util.ArrayList<>(List.of(page::routes));
    if (metrics != null) parts.add(r -> r.get("/metrics", metrics));
    Optional<HubWeb> web = HubWeb.start(http, parts);
    web.ifPresent(w -> page.web = w);
    return web.map(w -> page);
  }

  /** The port of the server this page started ({@link #start}). */
  public int port() {
    return web.port();
  }

  private void verify(Context ctx) throws SQLException, java.io.IOException {
    Optional<Found> found = found(ctx.pathParam("code"));
    HttpStatus status = found.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND;
    if (String.valueOf(ctx.header("Accept")).contains("application/json")) {
      Answers.json(ctx, status, found.isPresent() ? found.get() : Map.of("issued", false));
      return;
    }
    ctx.status(status);
    render(ctx, found.isPresent() ? "" : ctx.pathParam("code"), found.orElse(null), true, null);
  }

  private Optional<Found> found(String typed) throws SQLException {
    Optional<String> code = VerificationCodes.normalize(typed);
    Optional<IssuanceRepository.Issued> issued = code.isEmpty() ? Optional.empty() : this.issued.issued(code.get());
    if (issued.isEmpty()) return Optional.empty();
    IssuanceRepository.Issued i = issued.get();
    IssuanceRepository.Outcome outcome = this.issued.outcome(i.code());
    String title = CertificateType.ofKey(i.type()).map(CertificateType::titleJa).orElse(i.type());
    // A code for all copies: valid shows the copies that came out; void and awaiting what was granted.
    int copies = i.copy() == 0 && outcome.status() == IssuanceRepository.Status.VALID ? outcome.printedCopies() : i.copies();
    String status = outcome.status().name().toLowerCase(java.util.Locale.ROOT);
    return Optional.of(new Found(i.code(), title, japanTime(i.issuedAt()), i.terminal(), copies, i.digest(), status, i.copy()));
  }

  /** The paper's QR text (from verify.js or pasted) or its file: the signed fields beside the status here. */
  private void paper(Context ctx) throws SQLException {
    if (issuingKey == null) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    List<String> texts = new java.util.ArrayList<>();
    String qr = ctx.formParam("qr");
    if (qr != null && !qr.isBlank()) texts.add(qr.strip());
    var upload = ctx.uploadedFile("file");
    if (upload != null && upload.size() > 0) {
      try (var in = upload.content()) {
        texts.addAll(PaperReader.qrTexts(in.readAllBytes()));
      } catch (java.io.IOException e) {
        renderPaper(ctx, new Paper(List.of(), false, "ファイルを読めません（PDF、PNG、JPEG）。 The file is not a PDF, PNG or JPEG."), null);
        return;
      }
    }
    if (texts.isEmpty()) {
      renderPaper(ctx, new Paper(List.of(), false, "二次元コードが見つかりません。 No QR code was found."), null);
      return;
    }
    Optional<PaperCheck> check;
    try {
      check = PaperCheck.of(texts.get(0), issuingKey);
    } catch (IllegalArgumentException e) {
      check = Optional.empty();
    }
    if (check.isEmpty()) {
      renderPaper(ctx, new Paper(List.of(), false, "署名された内容がありません。 The code carries no fields signed by the city."), null);
      return;
    }
    PaperCheck c = check.get();
    String verdict =
        c.signatureValid() ? "署名は有効です（市の発行鍵）。 Signature valid: signed by the city's issuing key."
            : "署名が無効です。内容が変えられたか、市の署名ではありません。 Signature NOT valid: changed after signing, or not the city's.";
    renderPaper(ctx, new Paper(c.rows(), c.signatureValid(), verdict), found(c.code()).orElse(null));
  }

  private void renderPaper(Context ctx, Paper paper, Found found) {
    render(ctx, "", found, true, paper);
  }

  private void render(Context ctx, String typed, Found found, boolean asked, Paper paper) {
    StringOutput out = new StringOutput();
    Map<String, Object> params = new java.util.HashMap<>(Map.of("city", city, "typed", typed, "asked", asked, "development", development, "checksPaper", issuingKey != null));
    params.put("found", found); // null: nothing found, the form is shown
    params.put("paper", paper); // null: no paper checked
    TEMPLATES.render("verify.jte", params, out);
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
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
    if (web != null) web.close();
  }
}
