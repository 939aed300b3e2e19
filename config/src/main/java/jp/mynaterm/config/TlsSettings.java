package jp.mynaterm.config;

import java.nio.file.Path;

/**
 * A terminal's TLS identity for the broker (for {@code ssl://} URLs): its key and certificate as
 * {@code ./mynaterm pki request} and {@code pki issue} leave them, and the city's terminal CA, the
 * only trust anchor for the broker's certificate. Empty: {@code {terminal.dataDir}/tls/terminal.key},
 * {@code terminal.pem} and {@code ca.pem}.
 */
public record TlsSettings(String key, String certificate, String ca) {
  public static final TlsSettings DEFAULT = new TlsSettings(null, null, null);

  public TlsSettings {
    key = Check.orDefault(key, "");
    certificate = Check.orDefault(certificate, "");
    ca = Check.orDefault(ca, "");
  }

  /** The three files, each as configured or its default under {@code dataDir/tls}. */
  public Path keyIn(Path dataDir) {
    return or(key, dataDir, "terminal.key");
  }

  public Path certificateIn(Path dataDir) {
    return or(certificate, dataDir, "terminal.pem");
  }

  public Path caIn(Path dataDir) {
    return or(ca, dataDir, "ca.pem");
  }

  private static Path or(String value, Path dataDir, String file) {
    return value.isEmpty() ? dataDir.resolve("tls").resolve(file) : Path.of(value);
  }
}
