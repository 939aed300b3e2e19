package jp.mynaterm.cli.pki;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The terminals' PKI (hub.pki): on the hub, {@code init}, {@code enroll}, {@code issue}, {@code revoke},
 * {@code list}, {@code crl}; on a terminal, {@code request}. Enrollment, step by step: the operator runs
 * {@code pki enroll taxi-1 --role taxi} on the hub and gets a one-use token; on the terminal,
 * {@code pki request --terminal taxi-1 --out DIR} makes the key (it never leaves the device) and a CSR;
 * the CSR and the token go to {@code pki issue} on the hub, whose certificate goes back to DIR.
 */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Terminal identities: the city's terminal CA, enrollment, revocation.",
    subcommands = {
      PkiInitCommand.class,
      PkiEnrollCommand.class,
      PkiRequestCommand.class,
      PkiIssueCommand.class,
      PkiRevokeCommand.class,
      PkiListCommand.class,
      PkiCrlCommand.class,
    })
public final class PkiCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
