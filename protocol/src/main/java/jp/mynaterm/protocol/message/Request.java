package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** A request to the hub. The MQTT 5 response topic and correlation data carry the routing; the
 * correlation id is repeated here so a response can be matched even through a broker that drops
 * properties.
 *
 * @param deadline after this the requester has given up; the hub need not answer */
public record Request(String correlationId, java.time.Instant deadline, RequestBody request) implements Body {
  public Request {
    text("correlationId", correlationId);
    required("deadline", deadline);
    required("request", request);
  }
}
