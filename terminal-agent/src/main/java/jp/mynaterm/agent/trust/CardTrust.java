package jp.mynaterm.agent.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.config.CardSettings;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.message.RevocationDelta;
import jp.mynaterm.protocol.message.RevocationSnapshot;
import jp.mynaterm.protocol.time.TerminalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every terminal needs to trust a card, from its {@code card} settings: the trust anchors (or,
 * when none are configured, the virtual cards' test PKI, for development and the demo, as
 * {@code card auth} does), the municipality's CardId key, and the revocation list the hub sends, kept
 * current as it changes. Bad settings are one-line configuration errors naming the key.
 */
public final class CardTrust {
  private static final Logger log = LoggerFactory.getLogger(CardTrust.class);

  private CardTrust() {}

  /**
   * A counter's holder check: chain, validity and revocation, then the signature over a challenge.
   *
   * @param source the configuration file's name, for error lines
   * @param base where relative paths in the settings are resolved
   * @param virtualPkiDir the virtual card PKI, used only when no trust anchors are configured
   * @param clock the terminal's clock: its synced state decides how certificate dates are checked
   */
  public static HolderAuthentication authentication(
      CardSettings card, String source, Path base, Path virtualPkiDir, DownlinkStore downlink, TerminalClock clock) {
    return new HolderAuthentication(
        new CardVerifier(trustAnchors(card, source, base, virtualPkiDir), followRevocations(downlink), cardIds(card, source), clock));
  }

  /** The configured trust anchors, or the virtual cards' test PKI (created on first use) when none are. */
  public static TrustAnchors trustAnchors(CardSettings card, String source, Path base, Path virtualPkiDir) {
    String configured = card.trustAnchors();
    if (configured.isEmpty()) {
      log.warn("card.trustAnchors is empty: trusting the virtual cards' test PKI in {} (demo and development only)", virtualPkiDir);
      try {
        return new TrustAnchors(List.of(VirtualCardPki.openOrCreate(virtualPkiDir).rootCertificate()));
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(source, "card.trustAnchors", "empty, and the virtual card test PKI in " + virtualPkiDir + " is unusable: " + e.getMessage());
      }
    }
    Path file = base.resolve(configured);
    if (!Files.isRegularFile(file)) throw new ConfigException(source, "card.trustAnchors", "no such file: " + file);
    try {
      return TrustAnchors.load(file);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(source, "card.trustAnchors", file + ": " + e.getMessage());
    }
  }

  /** The municipality's CardId key, or the published development key when none is configured. */
  public static CardIds cardIds(CardSettings card, String source) {
    String key = card.cardIdKey();
    if (key.isEmpty()) {
      log.warn("card.cardIdKey is empty: CardIds use the published development key (demo and development only)");
      return CardIds.development();
    }
    try {
      return CardIds.fromKeyText(key);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, "card.cardIdKey", e.getMessage());
    }
  }

  /**
   * The revocation list the downlink keeps on disk, in memory: read whole now and after each complete
   * snapshot; a delta is applied to the memory copy alone (one merge, no re-read of the list); a
   * read that fails keeps the list in memory (never a partial one) and is reported as a fault
   * ({@link DownlinkStore#readFaults}, in the heartbeat and on the terminal: {@code ListAges}).
   */
  public static RevocationStore followRevocations(DownlinkStore downlink) {
    RevocationStore revoked = new RevocationStore();
    Runnable refresh = () -> {
      try {
        revoked.replaceAll(downlink.revokedSerials());
      } catch (java.sql.SQLException e) {
        // Fails closed: the previous list stays in use; the store noted the fault for the heartbeat.
      }
    };
    refresh.run();
    downlink.onApplied(body -> {
      switch (body) {
        case RevocationDelta d -> revoked.apply(d.added(), d.removed());
        case RevocationSnapshot s -> refresh.run();
        default -> {}
      }
    });
    return revoked;
  }
}
