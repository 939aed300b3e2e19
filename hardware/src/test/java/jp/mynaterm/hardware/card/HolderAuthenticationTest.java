package jp.mynaterm.hardware.card;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.mynaterm.hardware.card.HolderAuthentication.Outcome;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerdict;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.Serials;
import jp.mynaterm.protocol.card.TrustAnchors;
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
    assertEquals(Serials.toHex(virtual.material().userAuth()), ok.serialHex());
  }

  @Test
  void aWrongPinIsReportedWithTriesLeft() {
    assertEquals(new Outcome.CardFailed(new CardProblem.WrongPin(2)), auth.authenticate(card, "4321".toCharArray()));
  }

  @Test
  void aRevokedCardIsRejectedBeforeAnyPinTryIsSpent() {
    revoked.replaceAll(List.of(Serials.toHex(virtual.material().userAuth())));
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
    revoked.load(file, TestCards.pki().caCertificate().getPublicKey());
    assertTrue(revoked.isRevoked(virtual.material().userAuth()));
    // A CRL checked against the wrong issuer key is refused and the store keeps what it had.
    RevocationStore other = new RevocationStore();
    var wrongKey = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
    assertThrows(java.io.IOException.class, () -> other.load(file, wrongKey));
    assertEquals(0, other.size());
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
