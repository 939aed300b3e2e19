package jp.mynaterm.agent.counter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.agent.downlink.Lists;
import jp.mynaterm.config.CardSettings;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * How an attended counter decides a card is trustworthy: the configured trust anchors (or, when none
 * is configured, the virtual card PKI, for development and the demo, as {@code card auth} does), the
 * municipality's CardId key, and the revocation list the hub sends, kept current as it changes.
 */
public final class CounterTrust {
  private CounterTrust() {}

  /** @param virtualPkiDir where the virtual card PKI lives, used only when no trust anchors are configured */
  public static HolderAuthentication authentication(CardSettings card, Path base, Path virtualPkiDir, DownlinkStore downlink) throws IOException {
    TrustAnchors anchors =
        card.trustAnchors().isEmpty()
            ? new TrustAnchors(List.of(VirtualCardPki.openOrCreate(virtualPkiDir).rootCertificate()))
            : TrustAnchors.load(base.resolve(card.trustAnchors()));
    return new HolderAuthentication(new CardVerifier(anchors, followRevocations(downlink), cardIds(card), Clock.systemUTC()));
  }

  /** The municipality's CardId key, or the published development key when none is configured. */
  public static CardIds cardIds(CardSettings card) {
    return card.cardIdKey().isEmpty() ? CardIds.development() : CardIds.fromKeyText(card.cardIdKey());
  }

  /** The revocation list the downlink keeps on disk, in memory; filled now and after each change. */
  public static RevocationStore followRevocations(DownlinkStore downlink) {
    RevocationStore revoked = new RevocationStore();
    Runnable refresh = () -> {
      List<String> serials = new ArrayList<>();
      downlink.forEachRevokedSerial(serials::add);
      revoked.replaceAll(serials);
    };
    refresh.run();
    downlink.onChange(list -> {
      if (list.equals(Lists.REVOCATION)) refresh.run();
    });
    return revoked;
  }
}
