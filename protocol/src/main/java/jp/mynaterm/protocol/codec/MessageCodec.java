package jp.mynaterm.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.protocol.Fields;
import jp.mynaterm.protocol.codec.DecodeError.Reason;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.Header;

/**
 * JSON for {@link Envelope}s. Encoding is plain Jackson; decoding never throws: every bad payload
 * becomes a {@link DecodeError} with a specific {@link Reason}. Unknown fields are ignored, so a
 * newer sender can add optional fields without breaking older receivers; a change that older
 * receivers cannot ignore raises {@link Envelope#SCHEMA}.
 */
public final class MessageCodec {
  /** Big enough for a 5,000-serial list chunk, small enough that no terminal can flood the hub. */
  public static final int DEFAULT_MAX_BYTES = 512 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(InstantText.module()) // after JavaTimeModule, so its instants win (InstantText says why)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /** {@link #direct}'s reader: the shared mapper without taking 1.0 for a whole number (the schema field is checked as one). */
  private static final ObjectReader DIRECT =
      MAPPER.readerFor(Envelope.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private final int maxBytes;

  public MessageCodec() {
    this(DEFAULT_MAX_BYTES);
  }

  public MessageCodec(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The shared mapper, for code that embeds free-form JSON ({@code ConfigPush}, documents). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public byte[] encode(Envelope envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      // Records of this module always serialise; a failure here is a programming error.
      throw new IllegalStateException("cannot encode " + envelope.body().getClass().getSimpleName(), e);
    }
  }

  /**
   * An {@code events} message whose events are JSON already, UTF-8 as an outbox keeps them (each as
   * {@link #write} wrote an {@code EventRecord}): the message {@link #encode} makes of the same events,
   * without reading every event into a record and writing it out again, which was most of what an
   * agent spent draining a backlog. Check each event first with {@link #checkEventRecord}: bytes that
   * are not one JSON value would spoil the whole message.
   */
  public byte[] encodeEvents(Header header, String epoch, List<byte[]> events) {
    if (events.isEmpty()) throw new IllegalArgumentException("events: must hold at least one event");
    int size = 512;
    for (byte[] e : events) size += e.length + 1;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema", Envelope.SCHEMA);
      g.writeFieldName("header");
      MAPPER.writeValue(g, header);
      g.writeObjectFieldStart("body");
      g.writeStringField("kind", "events");
      g.writeStringField("epoch", epoch == null ? Events.LEGACY_EPOCH : Fields.text("epoch", epoch)); // as Events checks it
      g.writeArrayFieldStart("events");
      g.flush();
      // The events go straight into the output, between the generator's "[" and its "]".
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) out.write(',');
        out.write(events.get(i));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode events", e);
    }
    return out.toByteArray();
  }

  private static final java.util.Set<String> EVENT_TYPES = java.util.Set.copyOf(EventTypes.all());

  /**
   * Checks, cheaply, that stored JSON (UTF-8) reads as an event record: one well-formed JSON object,
   * a positive whole {@code seq}, an {@code event} whose {@code type} this build knows. Throws saying
   * why not. It reads tokens only, a fraction of the cost of {@link #read}; a field with a bad value
   * passes, and the receiver names that event in its ack ({@link #salvageEvents}).
   */
  public static void checkEventRecord(byte[] json) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
      boolean seq = false;
      boolean typed = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("seq".equals(field)) {
          seq = value == JsonToken.VALUE_NUMBER_INT && p.getLongValue() > 0;
        } else if ("event".equals(field) && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            JsonToken v = p.nextToken();
            if ("type".equals(inner)) {
              if (v != JsonToken.VALUE_STRING || !EVENT_TYPES.contains(p.getText())) throw new IOException("unknown event type '" + p.getText() + "'");
              typed = true;
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("malformed JSON");
      if (p.nextToken() != null) throw new IOException("trailing content after the event");
      if (!seq) throw new IOException("no positive seq");
      if (!typed) throw new IOException("no event type");
    } catch (JsonProcessingException e) {
      throw new IOException(e.getOriginalMessage(), e);
    }
  }

  public DecodeResult decode(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return failed(Reason.NOT_JSON, "", "empty payload");
    }
    if (payload.length > maxBytes) {
      return failed(Reason.TOO_LARGE, "", payload.length + " bytes, limit " + maxBytes);
    }
    try {
      payload = json(payload);
    } catch (Unreadable u) {
      return new DecodeResult.Failed(u.error);
    }
    Utf8 bytes = utf8(payload);
    if (bytes == Utf8.NOT_UTF8) return failed(Reason.NOT_JSON, "", "not UTF-8");
    Envelope direct = bytes == Utf8.VALID ? direct(payload) : null;
    if (direct != null) return new DecodeResult.Decoded(direct);
    String text = new String(payload, StandardCharsets.UTF_8); // valid UTF-8: nothing replaced
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      return failed(Reason.NOT_JSON, "", "malformed JSON" + (where == null ? "" : " at column " + where.getColumnNr()));
    } catch (RuntimeException e) {
      return failed(Reason.NOT_JSON, "", "unreadable JSON");
    }
    if (!(tree instanceof ObjectNode root)) {
      return failed(Reason.NOT_JSON, "", "not a JSON object");
    }
    JsonNode schema = root.get("schema");
    if (schema == null || schema.isNull()) {
      return failed(Reason.MISSING_FIELD, "schema", "missing field 'schema'");
    }
    if (!schema.isIntegralNumber()) {
      return failed(Reason.WRONG_TYPE, "schema", "must be a whole number");
    }
    if (schema.asInt() != Envelope.SCHEMA) {
      return failed(Reason.UNKNOWN_SCHEMA_VERSION, "schema", "version " + schema.asText() + ", this side speaks " + Envelope.SCHEMA);
    }
    try {
      return new DecodeResult.Decoded(MAPPER.treeToValue(root, Envelope.class));
    } catch (JsonProcessingException e) {
      return new DecodeResult.Failed(translate(e));
    } catch (IllegalArgumentException e) {
      return new DecodeResult.Failed(
          e.getCause() instanceof JsonProcessingException jpe ? translate(jpe) : new DecodeError(Reason.INVALID_VALUE, "", e.getMessage()));
    } catch (RuntimeException e) {
      // Nothing may escape the codec: a peer's payload is never a reason for a crash.
      return failed(Reason.INVALID_VALUE, "", e.getClass().getSimpleName());
    }
  }

  /**
   * VALID: for the byte parser. TEXT_ONLY: UTF-8 that Jackson's byte parser would read otherwise than its
   * text parser — with a NUL (never raw in JSON) it would take the bytes for UTF-16, and it skips a byte
   * order mark the text parser refuses — so only the text path reads it, as before.
   */
  private enum Utf8 { VALID, TEXT_ONLY, NOT_UTF8 }

  /**
   * Whether the bytes are strictly UTF-8 (no malformed or overlong sequence, no lone surrogate), as the
   * JDK's decoder judges, and whether the byte parser may read them. A payload of ASCII only, as
   * terminals send, is checked by a scan without decoding it: making a String of every payload to check
   * it and parse it was a sixth of the hub's decoding.
   */
  private static Utf8 utf8(byte[] payload) {
    boolean ascii = true;
    boolean nul = false;
    for (byte b : payload) {
      if (b < 0) ascii = false;
      else if (b == 0) nul = true;
    }
    if (ascii) return nul ? Utf8.TEXT_ONLY : Utf8.VALID;
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload));
    } catch (CharacterCodingException e) {
      return Utf8.NOT_UTF8;
    }
    boolean bom = payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF;
    return nul || bom ? Utf8.TEXT_ONLY : Utf8.VALID;
  }

  /**
   * The envelope bound straight from the bytes ({@link Utf8#VALID}), or null if that fails or
   * the schema is not this side's. The hub decodes every event it ingests: building a tree first and
   * binding from the tree (the path below, which names exactly what is wrong) took 1.4 times as long
   * as binding from the text (229 against 166 µs for a message of 50 rides, best of 25 rounds). This
   * reader is stricter than that path (no 1.0 for a whole number), never more lenient; whatever it
   * refuses goes through that path, which accepts or names the error as before.
   */
  private static Envelope direct(byte[] json) {
    try {
      Envelope e = DIRECT.readValue(json);
      return e != null && e.schema() == Envelope.SCHEMA ? e : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * For an {@code events} payload that {@link #decode} refused because of one or more of its events
   * (the error's path starts {@code body.events[}): the events that are readable and the ones that
   * are not, by sequence. Empty when the envelope itself is at fault (then nothing can be answered).
   */
  public java.util.Optional<SalvagedEvents> salvageEvents(byte[] payload) {
    if (payload == null || payload.length == 0 || payload.length > maxBytes) return java.util.Optional.empty();
    try {
      JsonNode root = MAPPER.readTree(json(payload));
      JsonNode body = root.path("body");
      JsonNode events = body.path("events");
      if (root.path("schema").asInt() != Envelope.SCHEMA || !"events".equals(body.path("kind").asText()) || !events.isArray()) {
        return java.util.Optional.empty();
      }
      var header = MAPPER.treeToValue(root.get("header"), jp.mynaterm.protocol.message.Header.class);
      JsonNode epoch = body.get("epoch");
      if (header == null || (epoch != null && !epoch.isNull() && (!epoch.isTextual() || epoch.asText().isBlank()))) return java.util.Optional.empty();
      List<jp.mynaterm.protocol.message.EventRecord> readable = new ArrayList<>();
      List<jp.mynaterm.protocol.message.Rejected> unreadable = new ArrayList<>();
      int unnamed = 0;
      for (JsonNode event : events) {
        try {
          readable.add(MAPPER.treeToValue(event, jp.mynaterm.protocol.message.EventRecord.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
          JsonNode seq = event.path("seq");
          Reason reason = e instanceof JsonProcessingException j ? translate(j).reason()
              : e.getCause() instanceof JsonProcessingException j ? translate(j).reason() : Reason.INVALID_VALUE;
          if (seq.isIntegralNumber() && seq.canConvertToLong() && seq.asLong() > 0) {
            unreadable.add(new jp.mynaterm.protocol.message.Rejected(seq.asLong(), reason.key()));
          } else {
            unnamed++;
          }
        }
      }
      String epochText = epoch == null || epoch.isNull() ? jp.mynaterm.protocol.message.Events.LEGACY_EPOCH : epoch.asText();
      return java.util.Optional.of(new SalvagedEvents(header, epochText, readable, unreadable, unnamed));
    } catch (IOException | RuntimeException | Unreadable e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * A payload's JSON: the payload itself, or what it inflates to if it is compressed ({@link Zlib}; a
   * terminal compresses its batches), within the same size limit.
   */
  private byte[] json(byte[] payload) throws Unreadable {
    if (!Zlib.compressed(payload)) return payload;
    try {
      return Zlib.inflate(payload, maxBytes);
    } catch (Zlib.TooLarge e) {
      throw new Unreadable(new DecodeError(Reason.TOO_LARGE, "", "inflates to more than " + maxBytes + " bytes"));
    } catch (java.util.zip.DataFormatException e) {
      throw new Unreadable(new DecodeError(Reason.NOT_JSON, "", "a corrupt zlib stream"));
    }
  }

  /** A payload refused before its JSON is read. */
  private static final class Unreadable extends Exception {
    final DecodeError error;

    Unreadable(DecodeError error) {
      super(error.toString(), null, false, false);
      this.error = error;
    }
  }

  private static DecodeError translate(JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    return switch (e) {
      case InvalidTypeIdException t -> new DecodeError(
          t.getTypeId() == null ? Reason.MISSING_FIELD : Reason.UNKNOWN_KIND,
          path,
          t.getTypeId() == null ? "missing type name" : "unknown kind '" + clip(t.getTypeId()) + "'");
      case ValueInstantiationException v when v.getCause() instanceof Fields.MissingField mf ->
          new DecodeError(Reason.MISSING_FIELD, join(path, mf.field()), mf.getMessage());
      case ValueInstantiationException v when v.getCause() instanceof Fields.BadValue bv ->
          new DecodeError(Reason.INVALID_VALUE, join(path, bv.field()), bv.getMessage());
      case ValueInstantiationException v ->
          new DecodeError(Reason.INVALID_VALUE, path, v.getCause() == null ? "invalid value" : v.getCause().getMessage());
      case InvalidFormatException f ->
          new DecodeError(
              f.getTargetType() != null && f.getTargetType().isEnum() ? Reason.INVALID_VALUE : Reason.WRONG_TYPE,
              path,
              "not a valid " + typeName(f.getTargetType()));
      case MismatchedInputException m when m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("Cannot map `null`") ->
          new DecodeError(Reason.MISSING_FIELD, path, "missing field '" + last(path) + "'");
      case MismatchedInputException m -> new DecodeError(Reason.WRONG_TYPE, path, "expected " + typeName(m.getTargetType()));
      default -> new DecodeError(Reason.INVALID_VALUE, path, "invalid message");
    };
  }

  private static String typeName(Class<?> t) {
    if (t == null) return "value";
    if (t == long.class || t == int.class || t == Long.class || t == Integer.class) return "whole number";
    if (t == boolean.class || t == Boolean.class) return "true or false";
    if (t == String.class) return "string";
    if (t == java.time.Instant.class) return "ISO-8601 instant";
    if (java.util.List.class.isAssignableFrom(t)) return "array";
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord() || t.isInterface()) return "object";
    return t.getSimpleName();
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    List<String> parts = new ArrayList<>();
    for (var r : refs) {
      if (r.getFieldName() != null) parts.add(r.getFieldName());
      else if (r.getIndex() >= 0) parts.add("[" + r.getIndex() + "]");
    }
    return String.join(".", parts).replace(".[", "[");
  }

  /** The path to a record plus the field it named; a single-value record's path already ends in it. */
  private static String join(String path, String field) {
    if (path.equals(field) || path.endsWith("." + field)) return path;
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String last(String path) {
    int i = path.lastIndexOf('.');
    return i < 0 ? path : path.substring(i + 1);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static DecodeResult failed(Reason reason, String path, String detail) {
    return new DecodeResult.Failed(new DecodeError(reason, path, detail));
  }

  /** Reads JSON into a record of this module, e.g. a stored event; throws on bad input. */
  public static <T> T read(String json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /** The same from UTF-8. */
  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /** Writes a record of this module as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
