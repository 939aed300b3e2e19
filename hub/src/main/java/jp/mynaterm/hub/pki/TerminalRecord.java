package jp.mynaterm.hub.pki;

import java.util.List;
import java.util.Optional;
import jp.mynaterm.config.Role;

/**
 * A terminal the hub knows: its id, its role (set by the operator at enrollment, never taken from
 * what the terminal says), and the certificates issued to it, newest last.
 */
public record TerminalRecord(String terminal, Role role, List<IssuedCertificate> certificates) {
  public TerminalRecord {
    certificates = List.copyOf(certificates);
  }

  public Optional<IssuedCertificate> certificate(String serialHex) {
    return certificates.stream().filter(c -> c.serial().equals(serialHex)).findFirst();
  }

  public boolean revoked() {
    return certificates.stream().allMatch(IssuedCertificate::revoked);
  }
}
