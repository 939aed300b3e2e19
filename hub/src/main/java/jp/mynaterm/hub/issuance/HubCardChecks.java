package jp.mynaterm.hub.issuance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;
import jp.mynaterm.config.HubConfig;
import jp.mynaterm.hub.storage.Database;
import jp.mynaterm.hub.storage.ListRepository;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * How the hub checks a card it only knows from what a kiosk sent (certificates and a signature): the
 * trust anchors, read when asked for (so a file that appears later counts), the municipality's CardId
 * key, and the hub's own revocation list, rebuilt only when its version changes. One place for
 * issuance and for the requests queued while the hub was unreachable.
 */
public final class HubCardChecks {
  private final ListRepository lists;
  private final Supplier<TrustAnchors> anchors;
  private final CardIds cardIds;
  private final Clock clock;
  private RevocationStore revoked = new RevocationStore();
  private long revokedVersion = -1;

  public HubCardChecks(Database db, Supplier<TrustAnchors> anchors, CardIds cardIds, Clock clock) {
    this.lists = new ListRepository(db);
    this.anchors = anchors;
    this.cardIds = cardIds;
    this.clock = clock;
  }

  /** As the hub's settings say: {@code issuance.trustAnchors} and {@code hub.cardIdKey} (the development key when empty). */
  public static HubCardChecks from(HubConfig config, Database db, Clock clock) {
    Path file = Path.of(config.issuance().trustAnchors());
    Supplier<TrustAnchors> anchors = () -> {
      try {
        return TrustAnchors.load(file);
      } catch (IOException e) {
        throw new UncheckedIOException("trust anchors " + file + ": " + e.getMessage(), e);
      }
    };
    String key = config.hub().cardIdKey();
    return new HubCardChecks(db, anchors, key.isEmpty() ? CardIds.development() : CardIds.fromKeyText(key), clock);
  }

  /**
   * A verifier with the trust anchors and revocation list as they are now.
   *
   * @throws UncheckedIOException when the trust anchors cannot be read
   */
  public CardVerifier verifier() throws SQLException {
    TrustAnchors trust = anchors.get();
    return new CardVerifier(trust, revocations(), cardIds, clock);
  }

  private synchronized RevocationStore revocations() throws SQLException {
    long version = lists.version(ListName.REVOCATION.wire());
    if (version != revokedVersion) {
      RevocationStore next = new RevocationStore();
      next.replaceAll(lists.revokedEntries());
      revoked = next;
      revokedVersion = version;
    }
    return revoked;
  }

  /** A certificate as kiosks send it: DER in base64. */
  public static X509Certificate certificate(String base64) throws CertificateException, IOException {
    try (var in = new ByteArrayInputStream(Base64.getDecoder().decode(base64))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
