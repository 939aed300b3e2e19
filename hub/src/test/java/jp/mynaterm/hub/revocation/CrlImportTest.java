package jp.mynaterm.hub.revocation;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.mynaterm.config.StorageSettings;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.card.CertificateKey;
import jp.mynaterm.protocol.card.Crls;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.time.TerminalClock;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlImportTest {
  private static final String CA_NAME = "C=JP,O=test,CN=Test User Authentication CA";
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;
  private Database db;
  private ListRepository lists;
  private CrlImport crls;

  @BeforeEach
  void hub() throws Exception {
    db = Database.open(new StorageSettings("jdbc:sqlite:" + dir.resolve("hub.db"), null, null));
    lists = new ListRepository(db);
    crls = new CrlImport(lists, new Downlink(db, new Topics("212075"), new MessageFactory("212075", "hub-1", TerminalClock.system()), new MessageCodec()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private record Ca(X509Certificate certificate, KeyPair keys) {
    static Ca make() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair keys = g.generateKeyPair();
      var b = new JcaX509v3CertificateBuilder(new X500Name(CA_NAME), BigInteger.ONE, Date.from(NOW.minus(Duration.ofDays(365))),
          Date.from(NOW.plus(Duration.ofDays(3650))), new X500Name(CA_NAME), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      var cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      return new Ca(cert, keys);
    }

    X509CRL crl(Instant nextUpdate, long... serials) throws Exception {
      var b = new JcaX509v2CRLBuilder(certificate, Date.from(NOW.minus(Duration.ofDays(1))));
      b.setNextUpdate(Date.from(nextUpdate));
      for (long s : serials) b.addCRLEntry(BigInteger.valueOf(s), Date.from(NOW.minus(Duration.ofDays(2))), CRLReason.keyCompromise);
      return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
  }

  private static String entry(X509Certificate ca, long serial) {
    return CertificateKey.of(ca.getSubjectX500Principal(), BigInteger.valueOf(serial)).entry();
  }

  @Test
  void aSignedCrlBecomesIssuerKeyedEntries_aNewerOneADelta_andOtherIssuersStay() throws Exception {
    Ca ca = Ca.make();
    TrustAnchors anchors = new TrustAnchors(List.of(ca.certificate()));
    lists.changeRevocations(ListName.REVOCATION.wire(), List.of("abcdef"), List.of(), (f, t) -> "{}"); // written before issuers were keyed

    var first = crls.importCrl(ca.crl(NOW.plus(Duration.ofDays(1)), 0x10, 0x11), anchors, List.of(), NOW);
    assertEquals(2, first.added());
    assertFalse(first.stale());
    assertEquals(java.util.Set.of("abcdef", entry(ca.certificate(), 0x10), entry(ca.certificate(), 0x11)), java.util.Set.copyOf(lists.revokedEntries()));

    var second = crls.importCrl(ca.crl(NOW.plus(Duration.ofDays(2)), 0x11, 0x12), anchors, List.of(), NOW);
    assertEquals(1, second.added());
    assertEquals(1, second.removed());
    assertEquals(first.version() + 1, second.version());
    // The change reaches terminals as the list's delta, as every revocation does.
    RevocationDelta delta = MessageCodec.read(lists.deltasAfter(ListName.REVOCATION.wire(), first.version()).getFirst(), RevocationDelta.class);
    assertEquals(List.of(entry(ca.certificate(), 0x12)), delta.added());
    assertEquals(List.of(entry(ca.certificate(), 0x10)), delta.removed());
    assertTrue(lists.revokedEntries().contains("abcdef"), "entries of no issuer are not the CRL's to remove");
  }

  @Test
  void aCrlPastItsNextUpdateIsReportedStale() throws Exception {
    Ca ca = Ca.make();
    var r = crls.importCrl(ca.crl(NOW.minus(Duration.ofHours(1)), 0x10), new TrustAnchors(List.of(ca.certificate())), List.of(), NOW);
    assertTrue(r.stale());
    assertEquals(NOW.minus(Duration.ofHours(1)), r.nextUpdate().orElseThrow());
  }

  @Test
  void aCrlNoTrustedCaSignedIsRefusedAndChangesNothing() throws Exception {
    Ca trusted = Ca.make();
    Ca forger = Ca.make(); // the same name, another key
    X509CRL forged = forger.crl(NOW.plus(Duration.ofDays(1)), 0x10);
    var e = assertThrows(GeneralSecurityException.class, () -> crls.importCrl(forged, new TrustAnchors(List.of(trusted.certificate())), List.of(), NOW));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    assertThrows(GeneralSecurityException.class, () -> Crls.verifiedEntries(forged, List.of()), "no issuer given: refused, never taken unchecked");
    assertEquals(List.of(), lists.revokedEntries());
    assertEquals(0, lists.version(ListName.REVOCATION.wire()));
  }
}
