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

  /** The value of a result, failing the test with the problem's description otherwise. */
  public static <T> T ok(jp.mynaterm.hardware.card.apdu.CardResult<T> r) {
    return switch (r) {
      case jp.mynaterm.hardware.card.apdu.CardResult.Ok<T> ok -> ok.value();
      case jp.mynaterm.hardware.card.apdu.CardResult.Failed<T> f -> org.junit.jupiter.api.Assertions.fail("expected success, got " + f.problem().describe());
    };
  }

  public static jp.mynaterm.hardware.card.apdu.CardProblem problem(jp.mynaterm.hardware.card.apdu.CardResult<?> r) {
    if (r instanceof jp.mynaterm.hardware.card.apdu.CardResult.Failed<?> f) return f.problem();
    return org.junit.jupiter.api.Assertions.fail("expected a problem, got " + r);
  }

  public static CardVerifier verifier(RevocationStore revoked) {
    return new CardVerifier(new TrustAnchors(List.of(pki().rootCertificate())), revoked, CardIds.development(), Clock.systemUTC());
  }
}
