package jp.mynaterm.agent.counter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * A counter's card reader for tests: virtual cards from a test PKI put on an in-process reader, the
 * holder authentication that trusts that PKI with a revocation list the test controls, and an HTTP
 * client for the counter's page API.
 */
public final class VirtualCounterCards {
  public static final String PIN = "1234";
  private static final ObjectMapper JSON = new ObjectMapper();

  public final VirtualCardPki pki;
  public final RevocationStore revoked = new RevocationStore();
  public final HolderAuthentication authentication;
  private final AtomicReference<VirtualMyNumberCard> onReader = new AtomicReference<>();
  private final HttpClient http = HttpClient.newHttpClient();

  public VirtualCounterCards(Path dir) throws IOException {
    pki = VirtualCardPki.openOrCreate(dir.resolve("pki"));
    authentication =
        new HolderAuthentication(new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), revoked, CardIds.development(), Clock.systemUTC()));
  }

  public CardOnReader reader() {
    return CardOnReader.inProcess(() -> Optional.ofNullable(onReader.get()));
  }

  /** Puts the card of the bundled resident with this index on the reader. */
  public VirtualMyNumberCard put(int resident) throws IOException {
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(pki, Resident.all().get(resident), PIN);
    onReader.set(card);
    return card;
  }

  public void revoke(VirtualMyNumberCard card) {
    revoked.replaceAll(List.of(card.material().userAuth().getSerialNumber().toString(16)));
  }

  public record Answer(int status, JsonNode body) {
    public String key() {
      return body.path("key").asText();
    }
  }

  public Answer post(int port, String path, String json) throws IOException, InterruptedException {
    var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  public Answer get(int port, String path) throws IOException, InterruptedException {
    var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }
}
