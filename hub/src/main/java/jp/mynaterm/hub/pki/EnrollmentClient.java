package jp.mynaterm.hub.pki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import jp.mynaterm.config.Role;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The device's side of enrollment by approval: makes its key in {@code dir} (owner-only from creation,
 * never sent), sends its CSR to the hub's {@link EnrollmentDesk}, shows the short code for staff to
 * compare, and polls with backoff until staff decide. On approval it checks what came back (its own
 * key, its id, a chain to the CA — to the pinned CA if given) and writes {@code terminal.pem} and
 * {@code ca.pem} beside the key, where an agent looks for its TLS identity.
 */
public final class EnrollmentClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI hub;
  private final Duration firstPoll;
  private final Duration maxPoll;

  /** @param firstPoll the first wait between polls, doubled up to {@code maxPoll} */
  public EnrollmentClient(URI hub, Duration firstPoll, Duration maxPoll) {
    this.hub = hub;
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
  }

  /**
   * Enrolls {@code terminal} as {@code role}; {@code show} gets the short code (and what to do) as soon
   * as the hub has the request. {@code caSha256}, if not null, is the CA certificate's SHA-256 (hex) the
   * installer was given: the CA the hub sends must match it.
   */
  public X509Certificate enroll(String terminal, Role role, Path dir, String caSha256, Consumer<String> show) throws IOException, PkiRefused, InterruptedException {
    if (Files.exists(dir.resolve(TerminalKeys.CERT))) throw new PkiRefused(dir.resolve(TerminalKeys.CERT) + " exists: this terminal is enrolled (remove it and its key to enroll again)");
    Files.createDirectories(dir);
    PKCS10CertificationRequest csr = Files.exists(dir.resolve(TerminalKeys.KEY)) && Files.exists(dir.resolve(TerminalKeys.CSR))
        ? Pem.csr(Files.readString(dir.resolve(TerminalKeys.CSR), StandardCharsets.US_ASCII), dir.resolve(TerminalKeys.CSR).toString()) // asked before, still waiting
        : TerminalKeys.request(terminal, dir);
    JsonNode asked = send(HttpRequest.newBuilder(hub.resolve("/enroll?role=" + URLEncoder.encode(role.key(), StandardCharsets.UTF_8)))
        .header("Content-Type", "application/pkcs10").POST(HttpRequest.BodyPublishers.ofString(Pem.text(csr))));
    String id = PendingEnrollment.id(csr.getSubjectPublicKeyInfo().getEncoded());
    if (!id.equals(asked.path("id").asText())) throw new IOException("the hub answered for another key: not a mynaterm hub, or tampered with");
    show.accept(PendingEnrollment.code(csr.getSubjectPublicKeyInfo().getEncoded()));
    Duration pause = firstPoll;
    JsonNode now = asked;
    while (now.path("status").asText().equals("pending")) {
      Thread.sleep(pause.toMillis());
      pause = pause.multipliedBy(2).compareTo(maxPoll) > 0 ? maxPoll : pause.multipliedBy(2);
      now = send(HttpRequest.newBuilder(hub.resolve("/enroll/" + id)).GET());
    }
    if (now.path("status").asText().equals("refused")) {
      // That key was turned down and never certified: the next attempt asks with a new one (and a new code).
      Files.deleteIfExists(dir.resolve(TerminalKeys.CSR));
      Files.deleteIfExists(dir.resolve(TerminalKeys.KEY));
      throw new PkiRefused("staff refused this enrollment request at the hub (run again to ask anew, with a new key and code)");
    }
    return store(now.path("certificate").asText(), terminal, dir, csr, caSha256);
  }

  private X509Certificate store(String chainPem, String terminal, Path dir, PKCS10CertificationRequest csr, String caSha256) throws IOException, PkiRefused {
    List<X509Certificate> chain = Pem.certificates(chainPem, "the hub's answer");
    if (chain.size() < 2) throw new IOException("the hub's answer holds no CA certificate");
    X509Certificate cert = chain.get(0);
    X509Certificate ca = chain.get(chain.size() - 1);
    try {
      if (caSha256 != null && !HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded())).equalsIgnoreCase(caSha256.replace(":", ""))) {
        throw new PkiRefused("the hub's CA is not the one pinned with --ca-sha256: not stored");
      }
      cert.verify(ca.getPublicKey());
      if (!java.util.Arrays.equals(cert.getPublicKey().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded())) throw new PkiRefused("the certificate is not for this terminal's key");
      if (!TerminalCa.commonName(cert).equals(terminal)) throw new PkiRefused("the certificate names '" + TerminalCa.commonName(cert) + "', not " + terminal);
    } catch (GeneralSecurityException e) {
      throw new PkiRefused("the certificate does not verify against the CA: " + e.getMessage());
    }
    Pem.writePublic(dir.resolve(TerminalKeys.CERT), cert, ca);
    Pem.writePublic(dir.resolve(LocalEnrollment.CA_FILE), ca);
    return cert;
  }

  private JsonNode send(HttpRequest.Builder req) throws IOException, PkiRefused, InterruptedException {
    HttpResponse<String> r = http.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IOException(hub + " answered " + r.statusCode() + " without JSON: is it the hub's web address?");
    }
    if (r.statusCode() == 404) throw new PkiRefused("the request expired at the hub before staff approved it: ask again");
    if (r.statusCode() >= 400) throw new PkiRefused("the hub refused: " + body.path("error").asText());
    return body;
  }
}
