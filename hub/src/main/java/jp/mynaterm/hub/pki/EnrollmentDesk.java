package jp.mynaterm.hub.pki;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.mynaterm.config.Role;
import jp.mynaterm.hub.http.Answers;

/**
 * The hub's web endpoint where a device without a certificate asks to be enrolled: {@code POST
 * /enroll?role=ROLE} with its CSR (PEM) answers the request's id and short code; {@code GET
 * /enroll/{id}} answers {@code pending}, {@code refused}, or {@code issued} with the certificate chain
 * and the CA. It takes no credential: what it hands out is public (certificates), and nothing is issued
 * until staff compare the code on the device with the one in the console and approve
 * ({@link EnrollmentSection}).
 */
public final class EnrollmentDesk {
  /** A P-256 CSR in PEM is under 600 bytes. */
  private static final int MAX_CSR = 8 * 1024;
  private final TerminalPki pki;
  private final Duration wait;

  /** @param wait how long a request waits for staff ({@code console.enrollmentWait}) */
  public EnrollmentDesk(TerminalPki pki, Duration wait) {
    this.pki = pki;
    this.wait = wait;
  }

  public void routes(RoutesConfig routes) {
    routes.post("/enroll", this::request);
    routes.get("/enroll/{id}", this::status);
  }

  private void request(Context ctx) throws IOException {
    Role role;
    try {
      role = Role.of(String.valueOf(ctx.queryParam("role")));
    } catch (RuntimeException e) {
      Answers.json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "role: must be one of " + Role.allKeys()));
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_CSR) {
      Answers.json(ctx, HttpStatus.CONTENT_TOO_LARGE, Map.of("error", "the request is too large for a CSR"));
      return;
    }
    try {
      PendingEnrollment r = pki.request(Pem.csr(new String(body, StandardCharsets.US_ASCII), "the request"), role, wait);
      Answers.json(ctx, HttpStatus.ACCEPTED, answer(r));
    } catch (PkiRefused e) {
      Answers.json(ctx, HttpStatus.CONFLICT, Map.of("error", e.getMessage()));
    } catch (IOException e) {
      Answers.json(ctx, HttpStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
    }
  }

  private void status(Context ctx) throws IOException {
    var r = pki.request(ctx.pathParam("id"));
    if (r.isEmpty()) Answers.json(ctx, HttpStatus.NOT_FOUND, Map.of("error", "no such request: it expired or was never made; ask again"));
    else Answers.json(ctx, HttpStatus.OK, answer(r.get()));
  }

  private static Map<String, Object> answer(PendingEnrollment r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("terminal", r.terminal());
    m.put("role", r.role().key());
    m.put("code", r.code());
    m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("expiresAt", r.expiresAt().toString());
    if (r.certificate() != null) m.put("certificate", r.certificate());
    return m;
  }
}
