package jp.mynaterm.cli.pki;

import java.time.Instant;
import java.util.concurrent.Callable;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.hub.pki.Enrollment;
import jp.mynaterm.hub.pki.IssuedCertificate;
import jp.mynaterm.hub.pki.PkiState;
import jp.mynaterm.hub.pki.TerminalRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the terminals with their role and certificates, and the open enrollments.")
final class PkiListCommand implements Callable<Integer> {
  @Mixin HubPkiOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var pki = options.open();
    PkiState state = pki.state();
    Instant now = Instant.now();
    // What an installer pins with agent enroll --ca-sha256, so the CA a device receives over the enrollment channel is this one.
    out.println("CA sha256 " + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pki.caCertificate().getEncoded())));
    for (TerminalRecord t : state.terminals()) {
      for (IssuedCertificate c : t.certificates()) {
        String status = c.revoked() ? "revoked " + c.revokedAt() : c.notAfter().isBefore(now) ? "expired" : "valid until " + c.notAfter();
        out.printf("%-20s %-9s %s  %s%n", t.terminal(), t.role().key(), c.serial(), status);
      }
    }
    for (Enrollment e : state.enrollments()) {
      if (e.usedAt() == null && e.expiresAt().isAfter(now)) out.printf("%-20s %-9s enrollment open until %s%n", e.terminal(), e.role().key(), e.expiresAt());
    }
    for (var r : pki.pending()) out.printf("%-20s %-9s asks to be enrolled, code %s (approve in the console: 端末の登録) until %s%n", r.terminal(), r.role().key(), r.code(), r.expiresAt());
    return ExitCodes.OK;
  }
}
