package jp.mynaterm.hub.pki;

import java.math.BigInteger;
import java.time.Instant;

/** A certificate the CA issued to a terminal: its serial (hex), validity and, once revoked, when. */
public record IssuedCertificate(String serial, Instant issuedAt, Instant notAfter, Instant revokedAt) {
  public static String hex(BigInteger serial) {
    return serial.toString(16);
  }

  public BigInteger serialNumber() {
    return new BigInteger(serial, 16);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  IssuedCertificate revoke(Instant at) {
    return revoked() ? this : new IssuedCertificate(serial, issuedAt, notAfter, at);
  }
}
