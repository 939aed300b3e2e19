package jp.mynaterm.hub.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import jp.mynaterm.hub.downlink.Downlink;
import jp.mynaterm.hub.ingest.Ingest;
import jp.mynaterm.protocol.Topics;
import jp.mynaterm.protocol.codec.MessageCodec;
import jp.mynaterm.protocol.message.MessageFactory;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.Response;
import jp.mynaterm.protocol.message.ResponseBody;
import jp.mynaterm.protocol.mqtt.MqttSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminals' requests, routed to the part of the hub that answers them — a ListSync to the
 * {@link Downlink} of lists, a challenge or an issuance request to certificate issuance — and the
 * answer sent back as a {@link Response} with the request's correlation id.
 */
public final class TerminalRequests implements Ingest.RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(TerminalRequests.class);
  /** The longest a response waits in a broker for its terminal. */
  private static final Duration RESPONSE_EXPIRY = Duration.ofMinutes(2);

  private final Downlink lists;
  private final BiFunction<String, RequestBody, ResponseBody> issuance;
  private final Topics topics;
  private final MessageFactory messages;
  private final MessageCodec codec;
  private final MqttSession session;

  /** @param issuance answers challenges and issuance requests (the hub's issuance service) */
  public TerminalRequests(
      Downlink lists, BiFunction<String, RequestBody, ResponseBody> issuance, Topics topics, MessageFactory messages, MessageCodec codec, MqttSession session) {
    this.lists = lists;
    this.issuance = issuance;
    this.topics = topics;
    this.messages = messages;
    this.codec = codec;
    this.session = session;
  }

  @Override
  public void handle(String terminal, Request request) {
    ResponseBody answer =
        switch (request.request()) {
          case RequestBody.ListSync sync -> lists.listSync(terminal, sync.have());
          case RequestBody.Challenge c -> issuance.apply(terminal, c);
          case RequestBody.Issuance i -> issuance.apply(terminal, i);
        };
    respond(terminal, request, answer);
  }

  /**
   * A response may carry personal data (a kiosk's certificate document): to the terminal's own down
   * branch only, never retained, expiring with the request, and never logged (only its topic is).
   */
  private void respond(String terminal, Request request, ResponseBody body) {
    String topic = topics.down(terminal, Topics.Down.RESPONSES);
    Duration left = Duration.between(Instant.now(), request.deadline());
    Duration expiry = left.isNegative() || left.compareTo(RESPONSE_EXPIRY) > 0 ? RESPONSE_EXPIRY : left;
    byte[] payload = codec.encode(messages.forTerminal(terminal).envelope(new Response(request.correlationId(), body)));
    if (session.publishExpiring(topic, payload, expiry) != MqttSession.Sent.IN_FLIGHT) {
      log.info("hub not connected to the broker: a response on {} not sent; the terminal asks again", topic);
    }
  }
}
