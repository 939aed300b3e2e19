package jp.mynaterm.hub.pki;

import java.io.IOException;

/** A file derived from the PKI's state, rewritten after each change (e.g. an external broker's ACL). */
@FunctionalInterface
public interface PkiExport {
  void write(TerminalPki pki) throws IOException;
}
