package jp.mynaterm.hardware.card;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hardware.card.HolderAuthentication.Outcome;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.time.TerminalClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HolderAuthenticationTest {
  private final VirtualMyNumberCard virtual = TestCards.card();
  private final MyNumberCard card = TestCards.connect(virtual);
  private final RevocationStore revoked = new RevocationStore();
  private final HolderAuthentication auth = new HolderAuthentication(TestCards.verifier(revoked));

  @Test
  void theRightPinAuthenticatesWithTheCertificateDerivedCardId() {
    Outcome o = auth.authenticate(card, TestCards.PIN.toCharArray());
    var ok = assertInstanceOf(Outcome.Authenticated.class, o);
    assertEquals(CardIds.development().derive(virtual.material().userAuth()), ok.cardId());
    assertEquals(CertificateKey.of(virtual.material().userAuth()), ok.certificate());
  }

  @Test
  void aWrongPinIsReportedWithTriesLeft() {
    assertEquals(new Outcome.CardFailed(new CardProblem.WrongPin(2)), auth.authenticate(card, "4321".toCharArray()));
  }

  @Test
  void aRevokedCardIsRejectedBeforeAnyPinTryIsSpent() {
    revoked.replaceAll(List.of(CertificateKey.of(virtual.material().userAuth()).entry()));
    var r = assertInstanceOf(Outcome.Rejected.class, auth.authenticate(card, "0000".toCharArray()));
    assertInstanceOf(CardVerdict.Revoked.class, r.verdict());
    assertEquals(3, TestCards.ok(card.pinTriesLeft()));
    assertInstanceOf(Outcome.Rejected.class, auth.checkPresent(card));
  }

  @Test
  void aCardFromAnotherPkiIsUntrusted(@TempDir Path other) throws Exception {
    VirtualCardPki stranger = VirtualCardPki.openOrCreate(other);
    var foreign = new VirtualMyNumberCard(TestCards.resident("2"), stranger.issue(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)), "1234", stranger);
    var r = assertInstanceOf(Outcome.Rejected.class, auth.authenticate(TestCards.connect(foreign), TestCards.PIN.toCharArray()));
    assertInstanceOf(CardVerdict.Untrusted.class, r.verdict());
  }

  @Test
  void anExpiredCertificateIsRejected() throws Exception {
    var old = TestCards.pki().issue(Instant.now().minus(Duration.ofDays(3000)), Instant.now().minus(Duration.ofDays(1)));
    var expired = new VirtualMyNumberCard(TestCards.resident("3"), old, "1234", TestCards.pki());
    var r = assertInstanceOf(Outcome.Rejected.class, auth.authenticate(TestCards.connect(expired), TestCards.PIN.toCharArray()));
    assertInstanceOf(CardVerdict.Expired.class, r.verdict());
  }

  @Test
  void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
    var other = TestCards.pki().issue(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    CardVerifier verifier = TestCards.verifier(revoked);
    byte[] challenge = {1, 2, 3};
    byte[] signature = TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), challenge));
    assertInstanceOf(CardVerdict.Trusted.class, verifier.checkProof(virtual.material().userAuth(), virtual.material().ca(), challenge, signature));
    assertInstanceOf(CardVerdict.BadSignature.class, verifier.checkProof(other.userAuth(), other.ca(), challenge, signature));
    assertInstanceOf(CardVerdict.BadSignature.class, verifier.checkProof(virtual.material().userAuth(), virtual.material().ca(), challenge, new byte[5]));
  }

  @Test
  void revocationFromADerCrlOfTheCa(@TempDir Path dir) throws Exception {
    var crl = TestCards.pki().crl(List.of(virtual.material().userAuth().getSerialNumber()));
    Path file = dir.resolve("user-auth.crl");
    java.nio.file.Files.write(file, crl.getEncoded());
    revoked.load(file, List.of(TestCards.pki().caCertificate()));
    assertTrue(revoked.isRevoked(virtual.material().userAuth()));
    // A CRL checked against another CA, or against none, is refused and the store keeps what it had.
    RevocationStore other = new RevocationStore();
    assertThrows(java.io.IOException.class, () -> other.load(file, List.of(VirtualCardPki.openOrCreate(dir.resolve("another")).caCertificate())));
    assertThrows(java.io.IOException.class, () -> other.load(file, List.of()));
    assertThrows(java.io.IOException.class, () -> other.load(file, null));
    assertEquals(0, other.size());
  }

  @Test
  void aSignatureCertificateIsNeverAcceptedAsIdentity() throws Exception {
    var signature = TestCards.pki().issueSignatureCertificate(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    var v = assertInstanceOf(CardVerdict.Untrusted.class, TestCards.verifier(revoked).checkCertificate(signature.userAuth(), signature.ca()));
    assertTrue(v.describe().contains("署名用"), v.describe());
    var user = TestCards.pki().issue(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    assertInstanceOf(CardVerdict.Trusted.class, TestCards.verifier(revoked).checkCertificate(user.userAuth(), user.ca()));
  }

  private static CardVerifier onClock(Instant now, boolean synced) {
    return new CardVerifier(new TrustAnchors(List.of(TestCards.pki().rootCertificate())), new RevocationStore(), CardIds.development(),
        TerminalClock.of(Clock.fixed(now, ZoneOffset.UTC), "boot-1", synced));
  }

  @Test
  void aPiBootedNear1970AcceptsCardsButSaysItsClockIsUnsynced() {
    var cert = virtual.material();
    Instant epoch = Instant.parse("1970-01-01T00:02:00Z");
    var unsynced = assertInstanceOf(CardVerdict.Trusted.class, onClock(epoch, false).checkCertificate(cert.userAuth(), cert.ca()));
    assertTrue(unsynced.clockUnsynced());
    assertTrue(unsynced.describe().contains("unsynced"), unsynced.describe());
    assertInstanceOf(CardVerdict.NotYetValid.class, onClock(epoch, true).checkCertificate(cert.userAuth(), cert.ca()), "a synced clock enforces notBefore");
    var synced = assertInstanceOf(CardVerdict.Trusted.class, onClock(Instant.now(), true).checkCertificate(cert.userAuth(), cert.ca()));
    assertFalse(synced.clockUnsynced());
  }

  @Test
  void anExpiredCertificateIsRefusedOnAnUnsyncedClock_andOnlyPassesFlaggedWhenTheClockIsBehind() throws Exception {
    // Within the test CA's life (from a day ago): expired an hour ago, the clock 10 hours behind.
    var old = TestCards.pki().issue(Instant.now().minus(Duration.ofHours(20)), Instant.now().minus(Duration.ofHours(1)));
    assertInstanceOf(CardVerdict.Expired.class, onClock(Instant.now(), false).checkCertificate(old.userAuth(), old.ca()));
    var behind = assertInstanceOf(CardVerdict.Trusted.class, onClock(Instant.now().minus(Duration.ofHours(10)), false).checkCertificate(old.userAuth(), old.ca()));
    assertTrue(behind.clockUnsynced(), "accepted only with the flag that reaches the log and the record");
  }

  @Test
  void trustAnchorsLoadFromThePkiPemFile() throws Exception {
    TrustAnchors anchors = TrustAnchors.load(TestCards.pki().trustAnchorsFile());
    assertEquals(List.of(TestCards.pki().rootCertificate()), anchors.certificates());
  }

  @Test
  void aTapDecidesOnTheCertificatesHeadAndGivesTheSameCardId() {
    var tap = assertInstanceOf(Outcome.Authenticated.class, auth.checkTap(card));
    var whole = assertInstanceOf(Outcome.Authenticated.class, auth.checkPresent(card));
    assertEquals(whole, tap);
    revoked.replaceAll(List.of(Serials.toHex(virtual.material().userAuth())));
    var r = assertInstanceOf(Outcome.Rejected.class, auth.checkTap(card));
    assertInstanceOf(CardVerdict.Revoked.class, r.verdict());
  }

  @Test
  void aTapRefusesAnExpiredCertificateAndAnIssuerThatIsNotTrusted() throws Exception {
    var old = TestCards.pki().issue(Instant.now().minus(Duration.ofDays(3000)), Instant.now().minus(Duration.ofDays(1)));
    var expired = new VirtualMyNumberCard(TestCards.resident("3"), old, "1234", TestCards.pki());
    var e = assertInstanceOf(Outcome.Rejected.class, auth.checkTap(TestCards.connect(expired)));
    assertInstanceOf(CardVerdict.Expired.class, e.verdict());
    // Trusting another CA (by its name): this card's issuer is not it.
    var keys = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
    var name = new org.bouncycastle.asn1.x500.X500Name("C=JP,O=elsewhere,CN=Another CA");
    var other = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE, new java.util.Date(),
            new java.util.Date(System.currentTimeMillis() + 3_600_000), name, keys.getPublic())
            .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    var elsewhere = new HolderAuthentication(new CardVerifier(new TrustAnchors(List.of(other)), revoked, CardIds.development(), java.time.Clock.systemUTC()));
    var u = assertInstanceOf(Outcome.Rejected.class, elsewhere.checkTap(card));
    assertInstanceOf(CardVerdict.Untrusted.class, u.verdict());
  }
}
