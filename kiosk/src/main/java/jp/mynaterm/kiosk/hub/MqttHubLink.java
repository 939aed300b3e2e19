package jp.mynaterm.kiosk.hub;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.kiosk.flow.HubLink;
import jp.mynaterm.protocol.issuance.CanonicalJson;
import jp.mynaterm.protocol.issuance.IssuingSignatures;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.Response;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's requests to the hub over MQTT 5: a request on {@code up/{kiosk}/requests} with a fresh
 * correlation id, the answer on {@code down/{kiosk}/responses} with the same id, within a timeout.
 * No answer in time, or no connection, is {@link HubUnavailable} — the kiosk then says so and offers
 * a card-signed request. A granted document whose content does not match its digest, or whose digest
 * is not signed by the city's issuing key, is treated as no answer: nothing is printed that the hub
 * did not sign.
 */
public final class MqttHubLink implements HubLink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttHubLink.class);

  private final Agent agent;
  private final Duration timeout;
  private final PublicKey issuingKey;
  private final Map<String, CompletableFuture<ResponseBody>> waiting = new ConcurrentHashMap<>();

  /**
   * Over the kiosk agent's own connection (the broker admits one session per terminal certificate).
   *
   * @param issuingKey the city's issuing public key (the hub's {@code issuing-key.pub})
   */
  public MqttHubLink(Agent agent, Duration timeout, PublicKey issuingKey) {
    this.agent = agent;
    this.issuingKey = issuingKey;
    this.timeout = timeout;
    agent.onResponse(this::answer);
  }

  private void answer(Response r) {
    CompletableFuture<ResponseBody> f = waiting.remove(r.correlationId());
    if (f != null) f.complete(r.response());
  }

  private ResponseBody ask(RequestBody body) throws HubUnavailable {
    if (!agent.connected()) throw new HubUnavailable("not connected to the hub");
    String id = UUID.randomUUID().toString();
    CompletableFuture<ResponseBody> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      if (agent.request(new Request(id, agent.messages().clock().now().wall().plus(timeout), body)) != MqttSession.Sent.IN_FLIGHT) {
        throw new HubUnavailable("the request could not be sent");
      }
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new HubUnavailable("no answer from the hub within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubUnavailable("interrupted");
    } catch (ExecutionException e) {
      throw new HubUnavailable(e.getCause().getMessage());
    } finally {
      waiting.remove(id);
    }
  }

  @Override
  public ChallengeAnswer challenge(String certificateType) throws HubUnavailable {
    return switch (ask(new RequestBody.Challenge("issuance:" + certificateType))) {
      case ResponseBody.ChallengeIssued c -> new ChallengeAnswer.Issued(c.challenge(), c.feeYenPerCopy());
      // "try-again" is the hub's storage failing: no answer in effect, so the card-signed request is offered
      case ResponseBody.Refused r when !r.code().equals("try-again") -> new IssueAnswer.Refused(r.code());
      case ResponseBody.Refused r -> throw new HubUnavailable("the hub gave no challenge: " + r.code());
      case ResponseBody other -> throw new HubUnavailable("unexpected answer " + other.getClass().getSimpleName());
    };
  }

  @Override
  public IssueAnswer issue(RequestBody.Issuance request) throws HubUnavailable {
    return switch (ask(request)) {
      case ResponseBody.IssuanceGranted g -> {
        if (!CanonicalJson.digest(g.document()).equals(g.documentDigest())) {
          log.error("the hub's document does not match its digest; not printing it");
          throw new HubUnavailable("document digest mismatch");
        }
        if (!IssuingSignatures.verify(issuingKey, g.documentDigest(), g.signature())) {
          log.error("the hub's document is not signed by the issuing key this kiosk trusts; not printing it");
          throw new HubUnavailable("issuing signature not valid");
        }
        yield new IssueAnswer.Granted(g.document(), g.feeYen(), g.documentDigest(), g.signature(), g.verificationCode());
      }
      case ResponseBody.Refused no -> new IssueAnswer.Refused(no.code());
      case ResponseBody other -> throw new HubUnavailable("unexpected answer " + other.getClass().getSimpleName());
    };
  }

  /** Connected to the broker now (a request may still go unanswered). */
  public boolean connected() {
    return agent.connected();
  }

  /** The agent's connection is the agent's to close; answers still awaited end with their timeout. */
  @Override
  public void close() {}
}
