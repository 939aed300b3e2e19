package jp.mynaterm.hub.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import jp.mynaterm.config.Role;

/**
 * A terminal's request to be enrolled, sent by the device itself (no token) and decided by staff in the
 * console: its id is the SHA-256 of the CSR's public key, its {@link #code} the short code the device
 * shows, so staff who see the same code on the device and in the console know the key they approve is
 * the one in front of them. Kept until it expires, decided or not, so the device can fetch the outcome.
 */
public record PendingEnrollment(
    String id, String terminal, Role role, String code, String csr, Instant requestedAt, Instant expiresAt, Status status, Instant decidedAt, String certificate) {
  public enum Status {
    PENDING,
    ISSUED,
    REFUSED
  }

  /** No 0/O, 1/I/L: the code is read aloud and typed by people. */
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  PendingEnrollment decided(Status s, Instant at, String certificatePem) {
    return new PendingEnrollment(id, terminal, role, code, csr, requestedAt, expiresAt, s, at, certificatePem);
  }

  PendingEnrollment withRole(Role r) {
    return new PendingEnrollment(id, terminal, r, code, csr, requestedAt, expiresAt, status, decidedAt, certificate);
  }

  /** The request's id: SHA-256 (hex) of the DER public key, which the device also knows. */
  public static String id(byte[] publicKeyInfo) {
    return HexFormat.of().formatHex(sha256(publicKeyInfo));
  }

  /** Eight characters "ABCD-EFGH" (about 39 bits) from the key's SHA-256, the same on the device and in the console. */
  public static String code(byte[] publicKeyInfo) {
    byte[] h = sha256(publicKeyInfo);
    long bits = 0;
    for (int i = 0; i < 8; i++) bits = (bits << 8) | (h[i] & 0xff);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) out.append('-');
      out.append(ALPHABET.charAt((int) Long.remainderUnsigned(bits, ALPHABET.length())));
      bits = Long.divideUnsigned(bits, ALPHABET.length());
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
