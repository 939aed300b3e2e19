package jp.mynaterm.hub.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jp.mynaterm.config.Role;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalPkiTest {
  @TempDir Path dir;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T01:00:00Z"));
  TerminalPki pki;

  @BeforeEach
  void init() throws Exception {
    pki = TerminalPki.init(dir.resolve("pki"), "212075", "hub-hub-1", List.of("10.0.0.5"), clock);
  }

  @Test
  void everyPrivateKeyIsOwnerOnlyAndASecondInitIsRefused() throws Exception {
    for (String key : List.of(TerminalCa.KEY, TerminalPki.BROKER_KEY, TerminalPki.HUB_KEY)) {
      assertEquals(Pem.OWNER_ONLY, Files.getPosixFilePermissions(pki.dir().resolve(key)), key);
    }
    assertThrows(PkiRefused.class, () -> TerminalPki.init(dir.resolve("pki"), "212075", "hub-hub-1", List.of(), clock));
  }

  @Test
  void theTerminalsKeyStaysOnTheTerminalAndItsCertificateNamesIt() throws Exception {
    Path terminal = dir.resolve("taxi-1");
    PKCS10CertificationRequest csr = TerminalKeys.request("taxi-1", terminal);
    assertEquals(Pem.OWNER_ONLY, Files.getPosixFilePermissions(terminal.resolve(TerminalKeys.KEY)));
    assertThrows(PkiRefused.class, () -> TerminalKeys.request("taxi-1", terminal), "an existing key is kept");

    String token = pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(2));
    X509Certificate cert = pki.issue(token, csr);

    assertEquals("taxi-1", TerminalCa.commonName(cert));
    cert.verify(pki.caCertificate().getPublicKey());
    assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "client authentication");
    assertEquals(new TrustView.Known("taxi-1", Role.TAXI, IssuedCertificate.hex(cert.getSerialNumber())), pki.view().identify(cert));
    String registry = Files.readString(pki.dir().resolve(TerminalPki.REGISTRY));
    assertFalse(registry.contains(token), "the token is stored only as its hash");
    assertFalse(Files.readString(pki.dir().resolve(TerminalPki.REGISTRY)).contains("PRIVATE"));
  }

  @Test
  void aTokenIsUsableOnceAndOnlyUntilItExpires() throws Exception {
    String token = pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1));
    pki.issue(token, TerminalKeys.request("taxi-1", dir.resolve("a")));
    PkiRefused used = assertThrows(PkiRefused.class, () -> pki.issue(token, TerminalKeys.request("taxi-1", dir.resolve("b"))));
    assertTrue(used.getMessage().contains("already used"), used.getMessage());

    String late = pki.enroll("taxi-2", Role.TAXI, Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(61));
    PkiRefused expired = assertThrows(PkiRefused.class, () -> pki.issue(late, TerminalKeys.request("taxi-2", dir.resolve("c"))));
    assertTrue(expired.getMessage().contains("expired"), expired.getMessage());

    assertThrows(PkiRefused.class, () -> pki.issue("made-up", TerminalKeys.request("taxi-2", dir.resolve("d"))));
    assertThrows(PkiRefused.class, () -> pki.enroll("taxi-3", Role.TAXI, Duration.ofDays(2)), "tokens expire within hours");
  }

  @Test
  void aCsrForAnotherTerminalOrWithoutProofOfPossessionIsRefused() throws Exception {
    String token = pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1));
    PkiRefused other = assertThrows(PkiRefused.class, () -> pki.issue(token, TerminalKeys.request("hospital-1", dir.resolve("h"))));
    assertTrue(other.getMessage().contains("hospital-1"), other.getMessage());

    KeyPair claimed = Pem.newKeyPair();
    KeyPair signer = Pem.newKeyPair();
    PKCS10CertificationRequest forged =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=taxi-1"), claimed.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
    PkiRefused pop = assertThrows(PkiRefused.class, () -> pki.issue(token, forged));
    assertTrue(pop.getMessage().contains("proof of possession"), pop.getMessage());

    // the token survives refused requests: the terminal can still enroll with a good CSR
    pki.issue(token, TerminalKeys.request("taxi-1", dir.resolve("t")));
  }

  @Test
  void aRevokedCertificateIsInTheCrlAndRefusedAndReEnrollmentReplacesTheOldOne() throws Exception {
    X509Certificate first = pki.issue(pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1)), TerminalKeys.request("taxi-1", dir.resolve("1")));
    X509Certificate second = pki.issue(pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1)), TerminalKeys.request("taxi-1", dir.resolve("2")));
    assertInstanceOf(TrustView.Refused.class, pki.view().identify(first), "one live certificate per terminal");
    assertInstanceOf(TrustView.Known.class, pki.view().identify(second));

    assertEquals(List.of(IssuedCertificate.hex(second.getSerialNumber())), pki.revoke("taxi-1"));
    assertTrue(Pem.readCrl(pki.crlFile()).isRevoked(second));
    assertTrue(Pem.readCrl(pki.crlFile()).isRevoked(first));
    assertInstanceOf(TrustView.Refused.class, pki.view().identify(second));
    assertThrows(PkiRefused.class, () -> pki.revoke("no-such-terminal"));
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedEvenWithTheSameName() throws Exception {
    TerminalPki other = TerminalPki.init(dir.resolve("other"), "212075", "hub-hub-1", List.of(), clock);
    X509Certificate foreign = other.issue(other.enroll("taxi-1", Role.TAXI, Duration.ofHours(1)), TerminalKeys.request("taxi-1", dir.resolve("f")));
    pki.issue(pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1)), TerminalKeys.request("taxi-1", dir.resolve("g")));
    assertInstanceOf(TrustView.Refused.class, pki.view().identify(foreign));
  }

  @Test
  void theViewRefusesEveryoneWhenTheCrlIsExpiredOrNotTheCas() throws Exception {
    X509Certificate cert = pki.issue(pki.enroll("taxi-1", Role.TAXI, Duration.ofHours(1)), TerminalKeys.request("taxi-1", dir.resolve("1")));
    clock.advance(TerminalPki.CRL_VALIDITY.plusMinutes(1));
    assertTrue(pki.view().broken().isPresent(), "expired CRL");
    assertInstanceOf(TrustView.Refused.class, pki.view().identify(cert));
    assertTrue(pki.refreshCrl(false), "re-signed when near its next update");
    assertInstanceOf(TrustView.Known.class, pki.view().identify(cert));
    assertFalse(pki.refreshCrl(false), "fresh enough");

    TerminalPki other = TerminalPki.init(dir.resolve("other"), "212075", "hub-hub-1", List.of(), clock);
    Files.copy(other.crlFile(), pki.crlFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertInstanceOf(TrustView.Refused.class, pki.view().identify(cert), "a CRL signed by another CA");
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
