package jp.mynaterm.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import jp.mynaterm.cli.doctor.DoctorCommand.Level;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the doctor says of a terminal's certificates and lists: the lines a technician acts on. */
class DoctorCommandTest {
  @TempDir Path dir;

  @Test
  void aCertificateCloseToItsEndIsAWarningAndAnExpiredOrMissingOneFails() throws Exception {
    assertEquals(Level.ok, DoctorCommand.expiry(pem("long", Duration.ofDays(400))).level());
    var soon = DoctorCommand.expiry(pem("soon", Duration.ofDays(10)));
    assertEquals(Level.warn, soon.level());
    assertTrue(soon.detail().contains("renew"), soon.detail());
    assertEquals(Level.FAIL, DoctorCommand.expiry(pem("gone", Duration.ofDays(-1))).level());
    assertEquals(Level.FAIL, DoctorCommand.expiry(dir.resolve("missing.pem")).level());
  }

  @Test
  void aTerminalThatNeverReceivedItsListsFails() throws Exception {
    var line = DoctorCommand.lists(dir.resolve("downlink.db"), Duration.ofDays(3));
    assertEquals(Level.FAIL, line.level());
    assertTrue(line.detail().contains("no lists received"), line.detail());
  }

  private Path pem(String name, Duration left) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair k = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name cn = new X500Name("CN=" + name);
    var cert = new JcaX509v3CertificateBuilder(cn, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(500))), Date.from(now.plus(left)), cn, k.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate()));
    Path file = dir.resolve(name + ".pem");
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    return file;
  }
}
