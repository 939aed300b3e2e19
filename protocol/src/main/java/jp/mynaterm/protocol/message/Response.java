package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** The hub's answer to a {@link Request} with the same correlation id. */
public record Response(String correlationId, ResponseBody response) implements Body {
  public Response {
    text("correlationId", correlationId);
    required("response", response);
  }
}
