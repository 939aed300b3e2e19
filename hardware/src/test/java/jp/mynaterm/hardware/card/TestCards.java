package jp.mynaterm.hardware.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;

/** One test PKI per test JVM (RSA key generation is the slow part), fresh virtual cards from it. */
public final class TestCards {
  public static final String PIN = "1234";
  private static VirtualCardPki pki;

  private TestCards() {}

  public static synchronized VirtualCardPki pki() {
    if (pki == null) {
      try {
        pki = VirtualCardPki.openOrCreate(Files.createTempDirectory("mynaterm-test-pki"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pki;
  }

  public static Resident resident(String id) {
    return Resident.find(id).orElseThrow();
  }

  /** A fresh card (full PIN counters) for resident 1. */
  public static VirtualMyNumberCard card() {
    try {
      return VirtualMyNumberCard.forResident(pki(), resident("1"), PIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MyNumberCard connect(VirtualMyNumberCard card) {
    return new MyNumberCard(new InProcessCard(card), Duration.ofSeconds(2));
  }

  public static CardVerifier verifier(RevocationStore revoked) {
    return new CardVerifier(new TrustAnchors(List.of(pki().rootCertificate())), revoked, CardIds.development(), Clock.systemUTC());
  }
}
