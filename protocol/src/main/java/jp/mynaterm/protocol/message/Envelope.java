package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.required;

/**
 * Every MQTT payload: the schema version, who and when ({@link Header}), and one {@link Body}.
 *
 * <pre>
 * {"schema":1,
 *  "header":{"id":"0193…","terminal":"taxi-1","municipality":"212075",
 *            "time":{"wall":"2026-11-24T09:00:00Z","bootId":"…","monoMs":812345,"synced":true}},
 *  "body":{"kind":"events","events":[…]}}
 * </pre>
 */
public record Envelope(int schema, Header header, Body body) {
  /**
   * The schema version this build writes and reads; a change that older receivers cannot ignore
   * raises it. Here rather than in the codec, so that messages do not depend on their codec.
   */
  public static final int SCHEMA = 1;

  public Envelope {
    required("header", header);
    required("body", body);
  }
}
