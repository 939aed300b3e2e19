package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.io.AtomicFiles;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The terminals' PKI, in the hub's data directory ({@code DATA/pki}): the CA, the registry of
 * terminals (id → role, certificates), one-use enrollment tokens, the CRL the broker reads, and the
 * broker's and the hub's own key and certificate. Every change takes an exclusive lock on the
 * directory, so two operators' commands cannot lose each other's changes; readers (the broker) read
 * files that are only ever replaced whole.
 *
 * <p>Enrollment: the operator opens one for a terminal id and a role and gets a token (valid for
 * hours, usable once, stored only as its SHA-256); the terminal makes its own key and a CSR whose CN is
 * its id (the key never leaves it); the hub issues a certificate only for a CSR signed by the key it
 * names (proof of possession) whose CN is the token's terminal. The certificate names the terminal;
 * its role stays in the registry, so a role is the operator's word and can change without a device
 * visit, and the certificate is a plain identity any broker can use (Mosquitto reads only the CN).
 */
public final class TerminalPki {
  public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(730);
  public static final Duration DEFAULT_ENROLLMENT = Duration.ofHours(4);
  public static final Duration MAX_ENROLLMENT = Duration.ofHours(24);
  static final Duration CRL_VALIDITY = Duration.ofDays(30);
  /** Re-signed when less than this is left, at hub start and by {@code pki crl}. */
  static final Duration CRL_REFRESH = Duration.ofDays(15);

  static final String REGISTRY = "registry.json";
  public static final String CRL = "crl.pem";
  public static final String BROKER_KEY = "broker.key";
  public static final String BROKER_CERT = "broker.pem";
  public static final String HUB_KEY = "hub.key";
  public static final String HUB_CERT = "hub.pem";

  private final Path dir;
  private final TerminalCa ca;
  private final Clock clock;
  private final List<PkiExport> exports;

  private TerminalPki(Path dir, TerminalCa ca, Clock clock, List<PkiExport> exports) {
    this.dir = dir;
    this.ca = ca;
    this.clock = clock;
    this.exports = List.copyOf(exports);
  }

  /** Where the hub keeps its terminal PKI. */
  public static Path in(Path hubDataDir) {
    return hubDataDir.resolve("pki");
  }

  /**
   * Creates the CA, an empty CRL, the broker's server certificate for {@code brokerHosts} and the hub's
   * own client identity {@code hubId} (role hub). Refuses if a CA is already there.
   */
  public static TerminalPki init(Path dir, String municipality, String hubId, List<String> brokerHosts, Clock clock, PkiExport... exports)
      throws IOException, PkiRefused {
    Files.createDirectories(dir);
    try (DirLock ignored = lock(dir)) {
      if (TerminalCa.exists(dir)) throw new PkiRefused("a terminal CA already exists in " + dir + " (remove the directory to start a new one)");
      Instant now = clock.instant();
      TerminalCa ca = TerminalCa.create(dir, municipality, now);
      TerminalPki pki = new TerminalPki(dir, ca, clock, List.of(exports));
      Set<String> hosts = new LinkedHashSet<>(brokerHosts);
      hosts.add("127.0.0.1");
      hosts.add("localhost");
      KeyPair broker = Pem.newKeyPair();
      Pem.writePrivateKey(dir.resolve(BROKER_KEY), broker.getPrivate());
      Pem.writePublic(dir.resolve(BROKER_CERT), ca.issueServer(broker.getPublic(), List.copyOf(hosts), now, CERTIFICATE_VALIDITY), ca.certificate());
      KeyPair hub = Pem.newKeyPair();
      Pem.writePrivateKey(dir.resolve(HUB_KEY), hub.getPrivate());
      X509Certificate hubCert = ca.issueClient(hub.getPublic(), hubId, now, CERTIFICATE_VALIDITY);
      Pem.writePublic(dir.resolve(HUB_CERT), hubCert, ca.certificate());
      PkiState state = new PkiState(List.of(new TerminalRecord(hubId, Role.HUB, List.of(issued(hubCert, now)))), List.of(), List.of());
      pki.save(state);
      return pki;
    }
  }

  public static TerminalPki open(Path dir, Clock clock, PkiExport... exports) throws IOException, PkiRefused {
    if (!Files.exists(dir.resolve(TerminalCa.KEY))) throw new PkiRefused("no terminal CA in " + dir + " (run ./mynaterm pki init first)");
    return new TerminalPki(dir, TerminalCa.load(dir), clock, List.of(exports));
  }

  public Path dir() {
    return dir;
  }

  public Path caFile() {
    return dir.resolve(TerminalCa.CERT);
  }

  public Path crlFile() {
    return dir.resolve(CRL);
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  public String municipality() {
    return ca.municipality();
  }

  public PkiState state() throws IOException {
    return read(dir);
  }

  /** Opens an enrollment and returns its token, shown once; an open one for the same terminal is replaced. */
  public String enroll(String terminal, Role role, Duration validFor) throws IOException, PkiRefused {
    if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_ENROLLMENT) > 0) {
      throw new PkiRefused("an enrollment token must expire within " + MAX_ENROLLMENT.toHours() + " hours (got " + validFor + ")");
    }
    byte[] secret = new byte[32];
    Pem.RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try (DirLock ignored = lock(dir)) {
      PkiState s = read(dir);
      Instant now = clock.instant();
      List<Enrollment> open = new ArrayList<>();
      for (Enrollment e : s.enrollments()) if (e.usedAt() == null && e.expiresAt().isAfter(now) && !e.terminal().equals(terminal)) open.add(e);
      open.add(new Enrollment(sha256(token), terminal, role, now.plus(validFor), null));
      save(new PkiState(s.terminals(), open, s.requests()));
    }
    return token;
  }

  /**
   * Exchanges a token and the terminal's CSR for its certificate. Any earlier certificate of that
   * terminal is revoked: one live certificate per terminal.
   */
  public X509Certificate issue(String token, PKCS10CertificationRequest csr) throws IOException, PkiRefused {
    try (DirLock ignored = lock(dir)) {
      PkiState s = read(dir);
      Instant now = clock.instant();
      String hash = sha256(token.strip());
      Enrollment e = s.enrollments().stream().filter(x -> x.tokenSha256().equals(hash)).findFirst().orElseThrow(() -> new PkiRefused("unknown enrollment token"));
      if (e.usedAt() != null) throw new PkiRefused("this enrollment token was already used (at " + e.usedAt() + "); open a new one with pki enroll");
      if (!now.isBefore(e.expiresAt())) throw new PkiRefused("this enrollment token expired at " + e.expiresAt() + "; open a new one with pki enroll");
      PublicKey key = checkedKey(csr, e.terminal());
      Issued done = issueTo(s, e.terminal(), e.role(), key, now);
      List<Enrollment> enrollments = s.enrollments().stream().map(x -> x == e ? x.used(now) : x).toList();
      save(new PkiState(done.terminals(), enrollments, s.requests()));
      return done.cert();
    }
  }

  private record Issued(X509Certificate cert, List<TerminalRecord> terminals) {}

  /** A certificate for {@code terminal} as {@code role}; its earlier ones revoked (one live certificate per terminal). */
  private Issued issueTo(PkiState s, String terminal, Role role, PublicKey key, Instant now) throws IOException {
    X509Certificate cert = ca.issueClient(key, terminal, now, CERTIFICATE_VALIDITY);
    List<TerminalRecord> terminals = new ArrayList<>();
    List<IssuedCertificate> certs = new ArrayList<>();
    for (TerminalRecord t : s.terminals()) {
      if (t.terminal().equals(terminal)) t.certificates().forEach(c -> certs.add(c.revoke(now)));
      else terminals.add(t);
    }
    certs.add(issued(cert, now));
    terminals.add(new TerminalRecord(terminal, role, certs));
    return new Issued(cert, terminals);
  }

  /** At most this many requests wait at once: the request endpoint takes no credential, so it is bounded. */
  static final int MAX_PENDING = 200;

  /**
   * A device asks to be enrolled as {@code role} with its CSR (CN = its id): kept pending for staff to
   * approve in the console until {@code validFor} has passed. The same key asking again gets the same
   * request back (a device that restarts while waiting); one request per terminal id.
   */
  public PendingEnrollment request(PKCS10CertificationRequest csr, Role role, Duration validFor) throws IOException, PkiRefused {
    if (role == Role.HUB) throw new PkiRefused("a terminal cannot ask for the hub's role");
    String terminal = commonName(csr);
    try {
      jp.mynaterm.config.Check.terminalId("terminal", terminal);
    } catch (RuntimeException bad) {
      throw new PkiRefused("the CSR's name is not a terminal id: " + bad.getMessage());
    }
    checkedKey(csr, terminal);
    byte[] spki = csr.getSubjectPublicKeyInfo().getEncoded();
    String id = PendingEnrollment.id(spki);
    try (DirLock ignored = lock(dir)) {
      PkiState s = read(dir);
      Instant now = clock.instant();
      List<PendingEnrollment> live = unexpired(s, now);
      var same = live.stream().filter(r -> r.id().equals(id)).findFirst();
      if (same.isPresent()) return same.get();
      if (s.terminals().stream().anyMatch(t -> t.terminal().equals(terminal) && !t.revoked())) {
        throw new PkiRefused("terminal '" + terminal + "' is already enrolled; revoke it at the hub first (./mynaterm pki revoke " + terminal + ") to enroll a new device under that id");
      }
      var other = live.stream().filter(r -> r.terminal().equals(terminal) && r.status() == PendingEnrollment.Status.PENDING).findFirst();
      if (other.isPresent()) {
        throw new PkiRefused("another request for terminal '" + terminal + "' (code " + other.get().code() + ") is waiting; staff refuse it in the console first");
      }
      if (live.size() >= MAX_PENDING) throw new PkiRefused("too many enrollment requests are waiting; try again later");
      PendingEnrollment r = new PendingEnrollment(id, terminal, role, PendingEnrollment.code(spki), Pem.text(csr), now, now.plus(validFor),
          PendingEnrollment.Status.PENDING, null, null);
      List<PendingEnrollment> requests = new ArrayList<>(live.stream().filter(x -> !x.terminal().equals(terminal)).toList());
      requests.add(r);
      save(new PkiState(s.terminals(), s.enrollments(), requests));
      return r;
    }
  }

  /** A request by its id, decided or not; empty once it has expired (or was never made). */
  public Optional<PendingEnrollment> request(String id) throws IOException {
    return unexpired(state(), clock.instant()).stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The requests waiting for staff, oldest first. */
  public List<PendingEnrollment> pending() throws IOException {
    return unexpired(state(), clock.instant()).stream().filter(r -> r.status() == PendingEnrollment.Status.PENDING).toList();
  }

  /** Staff approve a waiting request as {@code role}: the certificate is issued and kept for the device to fetch. */
  public PendingEnrollment approve(String id, Role role) throws IOException, PkiRefused {
    if (role == Role.HUB) throw new PkiRefused("a terminal cannot be given the hub's role");
    return decide(id, (s, r, now) -> {
      if (s.terminals().stream().anyMatch(t -> t.terminal().equals(r.terminal()) && !t.revoked())) {
        throw new PkiRefused("terminal '" + r.terminal() + "' was enrolled meanwhile; revoke it first");
      }
      PublicKey key = checkedKey(Pem.csr(r.csr(), "request " + r.code()), r.terminal());
      Issued done = issueTo(s, r.terminal(), role, key, now);
      return new Decision(done.terminals(), r.withRole(role).decided(PendingEnrollment.Status.ISSUED, now, Pem.text(done.cert(), ca.certificate())));
    });
  }

  /** Staff refuse a waiting request; the device is told when it next asks. */
  public PendingEnrollment refuse(String id) throws IOException, PkiRefused {
    return decide(id, (s, r, now) -> new Decision(s.terminals(), r.decided(PendingEnrollment.Status.REFUSED, now, null)));
  }

  private record Decision(List<TerminalRecord> terminals, PendingEnrollment request) {}

  private interface Decide {
    Decision apply(PkiState s, PendingEnrollment r, Instant now) throws IOException, PkiRefused;
  }

  private PendingEnrollment decide(String id, Decide how) throws IOException, PkiRefused {
    try (DirLock ignored = lock(dir)) {
      PkiState s = read(dir);
      Instant now = clock.instant();
      List<PendingEnrollment> live = unexpired(s, now);
      PendingEnrollment r = live.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new PkiRefused("no such request (it may have expired)"));
      if (r.status() != PendingEnrollment.Status.PENDING) throw new PkiRefused("this request was already decided (" + r.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
      Decision d = how.apply(s, r, now);
      save(new PkiState(d.terminals(), s.enrollments(), live.stream().map(x -> x == r ? d.request() : x).toList()));
      return d.request();
    }
  }

  private static List<PendingEnrollment> unexpired(PkiState s, Instant now) {
    return s.requests().stream().filter(r -> r.expiresAt().isAfter(now)).toList();
  }

  private static String commonName(PKCS10CertificationRequest csr) {
    var cn = csr.getSubject().getRDNs(BCStyle.CN);
    return cn.length == 1 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : "";
  }

  /** Revokes every certificate of a terminal and closes its open enrollments; returns the serials. */
  public List<String> revoke(String terminal) throws IOException, PkiRefused {
    try (DirLock ignored = lock(dir)) {
      PkiState s = read(dir);
      Instant now = clock.instant();
      TerminalRecord t = s.terminals().stream().filter(x -> x.terminal().equals(terminal)).findFirst().orElseThrow(() -> new PkiRefused("no terminal '" + terminal + "' in the registry (see pki list)"));
      List<String> serials = t.certificates().stream().filter(c -> !c.revoked()).map(IssuedCertificate::serial).toList();
      List<TerminalRecord> terminals =
          s.terminals().stream().map(x -> x == t ? new TerminalRecord(x.terminal(), x.role(), x.certificates().stream().map(c -> c.revoke(now)).toList()) : x).toList();
      List<Enrollment> enrollments = s.enrollments().stream().filter(x -> !x.terminal().equals(terminal) || x.usedAt() != null).toList();
      save(new PkiState(terminals, enrollments, s.requests().stream().filter(x -> !x.terminal().equals(terminal)).toList()));
      return serials;
    }
  }

  /** Re-signs the CRL if less than {@link #CRL_REFRESH} is left (or always); true if it did. */
  public boolean refreshCrl(boolean always) throws IOException {
    try (DirLock ignored = lock(dir)) {
      if (!always && Files.exists(crlFile())) {
        try {
          X509CRL crl = Pem.readCrl(crlFile());
          if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isAfter(clock.instant().plus(CRL_REFRESH))) return false;
        } catch (IOException e) {
          // unreadable: write a good one below
        }
      }
      writeCrl(read(dir));
      return true;
    }
  }

  /** The registry and CRL as the broker checks them, read now. */
  public TrustView view() {
    return TrustView.load(dir, clock.instant());
  }

  private void save(PkiState state) throws IOException {
    AtomicFiles.writeJson(dir.resolve(REGISTRY), state);
    writeCrl(state);
    for (PkiExport e : exports) e.write(this);
  }

  private void writeCrl(PkiState state) throws IOException {
    Instant now = clock.instant();
    List<BigInteger> revoked = new ArrayList<>();
    for (TerminalRecord t : state.terminals()) for (IssuedCertificate c : t.certificates()) if (c.revoked()) revoked.add(c.serialNumber());
    Pem.writePublic(crlFile(), ca.crl(revoked, now, now.plus(CRL_VALIDITY)));
  }

  static PkiState read(Path dir) throws IOException {
    Path f = dir.resolve(REGISTRY);
    return Files.exists(f) ? AtomicFiles.readJson(f, PkiState.class) : PkiState.EMPTY;
  }

  /** Proof of possession (the CSR is signed by the key it names), CN = the enrolled terminal, EC P-256. */
  private static PublicKey checkedKey(PKCS10CertificationRequest csr, String terminal) throws PkiRefused {
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
        throw new PkiRefused("the CSR's signature does not match its key (no proof of possession)");
      }
      String name = commonName(csr);
      if (!name.equals(terminal)) throw new PkiRefused("the CSR names '" + name + "' but the token is for terminal '" + terminal + "'");
      PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
      if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new PkiRefused("the CSR's key must be EC P-256 (make it with pki request)");
      }
      return key;
    } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
      throw new PkiRefused("the CSR cannot be checked: " + e.getMessage());
    }
  }

  private static IssuedCertificate issued(X509Certificate cert, Instant now) {
    return new IssuedCertificate(IssuedCertificate.hex(cert.getSerialNumber()), now, cert.getNotAfter().toInstant(), null);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writers serialise on this lock file; closing the channel releases the lock. */
  private record DirLock(FileChannel channel) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static DirLock lock(Path dir) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      ch.lock();
      return new DirLock(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public Optional<TerminalRecord> terminal(String id) throws IOException {
    return state().terminals().stream().filter(t -> t.terminal().equals(id)).findFirst();
  }
}
