package jp.mynaterm.hub.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.config.Role;

/**
 * The PKI as a broker checks a client against it, read at one moment: the CA, the CRL (its signature
 * checked, and refused once past its next update) and the registry. If any of them cannot be read or
 * checked, the view refuses everyone: nothing falls open.
 */
public final class TrustView {
  /** Who a certificate names, or why it is refused. */
  public sealed interface Verdict {}

  public record Known(String terminal, Role role, String serial) implements Verdict {}

  public record Refused(String reason) implements Verdict {}

  private final X509Certificate ca;
  private final Set<String> revoked;
  private final PkiState state;
  private final Instant at;
  private final String broken;

  private TrustView(X509Certificate ca, Set<String> revoked, PkiState state, Instant at, String broken) {
    this.ca = ca;
    this.revoked = revoked;
    this.state = state;
    this.at = at;
    this.broken = broken;
  }

  static TrustView load(Path dir, Instant now) {
    try {
      X509Certificate ca = Pem.readCertificate(dir.resolve(TerminalCa.CERT));
      X509CRL crl = Pem.readCrl(dir.resolve(TerminalPki.CRL));
      crl.verify(ca.getPublicKey());
      if (crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isAfter(now)) {
        return refusingAll("the CRL expired at " + crl.getNextUpdate() + " (the hub re-signs it at start; or run pki crl)");
      }
      Set<String> revoked = new HashSet<>();
      Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
      if (entries != null) entries.forEach(e -> revoked.add(IssuedCertificate.hex(e.getSerialNumber())));
      return new TrustView(ca, Set.copyOf(revoked), TerminalPki.read(dir), now, null);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return refusingAll("the terminal PKI in " + dir + " cannot be read: " + e.getMessage());
    }
  }

  private static TrustView refusingAll(String why) {
    return new TrustView(null, Set.of(), PkiState.EMPTY, Instant.EPOCH, why);
  }

  /** Why this view refuses everyone; empty if it is usable. */
  public Optional<String> broken() {
    return Optional.ofNullable(broken);
  }

  public Verdict identify(X509Certificate cert) {
    if (broken != null) return new Refused(broken);
    try {
      cert.verify(ca.getPublicKey());
      cert.checkValidity(Date.from(at));
    } catch (GeneralSecurityException e) {
      return new Refused("certificate not valid from this CA: " + e.getMessage());
    }
    String serial = IssuedCertificate.hex(cert.getSerialNumber());
    if (revoked.contains(serial)) return new Refused("certificate " + serial + " is revoked");
    String cn = TerminalCa.commonName(cert);
    for (TerminalRecord t : state.terminals()) {
      if (!t.terminal().equals(cn)) continue;
      Optional<IssuedCertificate> issued = t.certificate(serial);
      if (issued.isEmpty()) return new Refused("certificate " + serial + " is not in the registry for " + cn);
      if (issued.get().revoked()) return new Refused("certificate " + serial + " is revoked");
      return new Known(cn, t.role(), serial);
    }
    return new Refused("terminal '" + cn + "' is not in the registry");
  }

  /** Whether a certificate that was let in earlier must now be dropped. */
  public boolean revoked(String serial) {
    if (broken != null || revoked.contains(serial)) return true;
    return state.terminals().stream().flatMap(t -> t.certificates().stream()).noneMatch(c -> c.serial().equals(serial) && !c.revoked());
  }
}
