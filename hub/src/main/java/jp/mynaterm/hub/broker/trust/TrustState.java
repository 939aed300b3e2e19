package jp.mynaterm.hub.broker.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import jp.mynaterm.hub.pki.TerminalPki;
import jp.mynaterm.hub.pki.TrustView;

/**
 * The PKI's current view for the broker, read again whenever its files changed: {@code pki issue} and
 * {@code pki revoke} run in other processes and replace the files whole (a rename), so a changed file
 * key or modification time is a new state. Each connect asks for the current view, so a terminal
 * revoked a moment ago is refused at once; live sessions are dropped by {@link TrustExtension}'s watch.
 */
final class TrustState {
  private final TerminalPki pki;
  private final List<Path> files;
  private List<Object> stamp = List.of();
  private TrustView view;

  TrustState(TerminalPki pki) {
    this.pki = pki;
    this.files = List.of(pki.crlFile(), pki.dir().resolve("registry.json"), pki.caFile());
  }

  /** The view as of the files now; a new object only when they changed. */
  synchronized TrustView current() {
    List<Object> now = stamp();
    if (view == null || !now.equals(stamp)) {
      view = pki.view();
      stamp = now;
    }
    return view;
  }

  private List<Object> stamp() {
    return files.stream()
        .map(
            f -> {
              try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                return (Object) List.of(Objects.toString(a.fileKey()), a.lastModifiedTime(), a.size());
              } catch (IOException e) {
                return "missing";
              }
            })
        .toList();
  }
}
