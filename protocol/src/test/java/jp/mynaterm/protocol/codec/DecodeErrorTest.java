package jp.mynaterm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import jp.mynaterm.protocol.Samples;
import jp.mynaterm.protocol.codec.DecodeError.Reason;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.Events;
import org.junit.jupiter.api.Test;

/** Every way a payload can be wrong gives its own reason and the field at fault; nothing throws. */
class DecodeErrorTest {
  private final MessageCodec codec = new MessageCodec(4096);

  @Test
  void emptyPayloadIsNotJson() {
    assertError(Reason.NOT_JSON, "", new byte[0]);
  }

  @Test
  void garbageIsNotJson() {
    assertError(Reason.NOT_JSON, "", "{\"schema\":1,".getBytes(StandardCharsets.UTF_8));
    assertError(Reason.NOT_JSON, "", "hello".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void invalidUtf8IsNotJson() {
    assertError(Reason.NOT_JSON, "", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
  }

  @Test
  void aValidMessageInUtf16OrBehindAByteOrderMarkIsNotJsonAndOneWithJapaneseTextInUtf8Decodes() {
    // UTF-16 holds NULs in its bytes, which JSON never does: refused, not read in another encoding.
    assertError(Reason.NOT_JSON, "", new String(validEvents(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
    assertError(Reason.NOT_JSON, "", new String(validEvents(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE));
    // A byte order mark is refused as the text parser refuses it, not skipped by the byte parser.
    byte[] valid = validEvents();
    byte[] withBom = new byte[valid.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(valid, 0, withBom, 3, valid.length);
    assertError(Reason.NOT_JSON, "", withBom);
    byte[] japanese = new String(validEvents(), StandardCharsets.UTF_8).replace("\"noriai-1\"", "\"美濃-1\"").getBytes(StandardCharsets.UTF_8);
    assertTrue(new String(japanese, StandardCharsets.UTF_8).contains("美濃-1"), "the sample names a vehicle to replace");
    assertInstanceOf(DecodeResult.Decoded.class, new MessageCodec().decode(japanese));
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    assertError(Reason.NOT_JSON, "", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    assertError(Reason.NOT_JSON, "", "42".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void trailingDataAfterTheObjectIsRefused() {
    byte[] valid = validEvents();
    byte[] withTrailer = (new String(valid, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);
    assertError(Reason.NOT_JSON, "", withTrailer);
  }

  @Test
  void oversizedPayloadIsRefusedBeforeParsing() {
    byte[] big = new byte[4097];
    java.util.Arrays.fill(big, (byte) ' ');
    assertError(Reason.TOO_LARGE, "", big);
  }

  @Test
  void deeplyNestedPayloadDoesNotCrashTheCodec() {
    String nested = "{\"schema\":1,\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
    DecodeResult r = new MessageCodec(1 << 20).decode(nested.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(DecodeResult.Failed.class, r);
  }

  @Test
  void missingSchemaIsAMissingField() {
    assertError(Reason.MISSING_FIELD, "schema", mutate(n -> n.remove("schema")));
  }

  @Test
  void schemaAsTextIsAWrongType() {
    assertError(Reason.WRONG_TYPE, "schema", mutate(n -> n.put("schema", "1")));
  }

  @Test
  void schemaWithAFractionIsAWrongType() {
    // The decoder binds straight from the text first; that path must not take 1.0 for schema 1.
    assertError(Reason.WRONG_TYPE, "schema", mutate(n -> n.put("schema", 1.0)));
  }

  @Test
  void aSequenceWrittenWithAFractionDecodesAsBefore() {
    // What the direct binding refuses (1.0 for a whole number) goes the tree's way and decodes there.
    DecodeResult r = codec.decode(mutate(n -> firstRecord(n).put("seq", 1.0)));
    assertInstanceOf(DecodeResult.Decoded.class, r);
  }

  @Test
  void unknownSchemaVersionIsNamed() {
    DecodeError e = assertError(Reason.UNKNOWN_SCHEMA_VERSION, "schema", mutate(n -> n.put("schema", 2)));
    assertTrue(e.detail().contains("2"), e.detail());
  }

  @Test
  void unknownKindIsNamed() {
    DecodeError e = assertError(Reason.UNKNOWN_KIND, "body", mutate(n -> body(n).put("kind", "telepathy")));
    assertTrue(e.detail().contains("telepathy"), e.detail());
  }

  @Test
  void unknownEventTypeIsAnUnknownKind() {
    assertError(Reason.UNKNOWN_KIND, "body.events[0].event", mutate(n -> firstEvent(n).put("type", "Teleported")));
  }

  @Test
  void missingKindIsAMissingField() {
    assertError(Reason.MISSING_FIELD, "body", mutate(n -> body(n).remove("kind")));
  }

  @Test
  void missingHeaderIsAMissingField() {
    assertError(Reason.MISSING_FIELD, "header", mutate(n -> n.remove("header")));
  }

  @Test
  void missingNestedTextFieldIsNamedWithItsPath() {
    assertError(Reason.MISSING_FIELD, "header.id", mutate(n -> ((ObjectNode) n.get("header")).remove("id")));
    assertError(Reason.MISSING_FIELD, "body.events[0].event.vehicle", mutate(n -> firstEvent(n).remove("vehicle")));
  }

  @Test
  void missingNumberIsAMissingFieldNotZero() {
    assertError(Reason.MISSING_FIELD, "body.events[0].seq", mutate(n -> firstRecord(n).remove("seq")));
  }

  @Test
  void numberAsTextIsAWrongType() {
    assertError(Reason.WRONG_TYPE, "body.events[0].seq", mutate(n -> firstRecord(n).put("seq", "one")));
    assertError(Reason.WRONG_TYPE, "body.events[0].seq", mutate(n -> firstRecord(n).put("seq", "1")));
  }

  @Test
  void objectWhereTextBelongsIsAWrongType() {
    assertError(Reason.WRONG_TYPE, "header.terminal", mutate(n -> ((ObjectNode) n.get("header")).putObject("terminal")));
  }

  @Test
  void malformedTimeIsAWrongType() {
    assertError(Reason.WRONG_TYPE, "header.time.wall", mutate(n -> ((ObjectNode) n.get("header").get("time")).put("wall", "yesterday")));
  }

  @Test
  void valuesOutsideTheContractAreInvalid() {
    assertError(Reason.INVALID_VALUE, "body.events[0].seq", mutate(n -> firstRecord(n).put("seq", 0)));
    assertError(Reason.INVALID_VALUE, "body.events[0].event.fareYen", mutate(n -> firstEvent(n).put("fareYen", -300)));
    assertError(Reason.INVALID_VALUE, "body.events[0].event.cardId", mutate(n -> firstEvent(n).put("cardId", "not-a-card-id")));
    assertError(Reason.INVALID_VALUE, "header.municipality", mutate(n -> ((ObjectNode) n.get("header")).put("municipality", "21207")));
  }

  @Test
  void unknownRefusalReasonIsInvalidNotUnknownKind() {
    byte[] refusal = mutate(n -> {
      ObjectNode e = firstEvent(n).removeAll();
      e.put("type", "TapRefused").put("service", "taxi").put("terminalPlace", "noriai-1").put("reason", "pin-failed");
    });
    DecodeError e = assertError(Reason.INVALID_VALUE, "body.events[0].event.reason", refusal);
    assertTrue(!e.detail().contains("pin-failed"), e.toString());
  }

  @Test
  void knownRefusalReasonDecodesToItsEnum() {
    byte[] refusal = mutate(n -> {
      ObjectNode e = firstEvent(n).removeAll();
      e.put("type", "TapRefused").put("service", "taxi").put("terminalPlace", "noriai-1").put("reason", "not-yet-valid");
    });
    var events = (Events) assertInstanceOf(DecodeResult.Decoded.class, codec.decode(refusal)).envelope().body();
    assertEquals(
        jp.mynaterm.protocol.event.RefusalReason.NOT_YET_VALID,
        ((jp.mynaterm.protocol.event.TapRefused) events.events().getFirst().event()).reason());
  }

  @Test
  void anAlertFromBeforeTargetsIsForAllAtNormalPriorityAndBadTargetsAreNamed() {
    String old = "{\"schema\":1,\"header\":" + header() + ",\"body\":{\"kind\":\"alert\",\"alertId\":\"a-1\",\"severity\":\"info\","
        + "\"text\":{\"ja\":\"お知らせ\"},\"expires\":\"2026-11-24T10:00:00Z\"%s}}";
    var alert = (jp.mynaterm.protocol.message.Alert) assertInstanceOf(DecodeResult.Decoded.class, codec.decode(bytes(old.formatted("")))).envelope().body();
    assertEquals(jp.mynaterm.protocol.message.AlertTargets.ALL, alert.targets());
    assertEquals(jp.mynaterm.protocol.message.AlertPriority.NORMAL, alert.priority());
    assertError(Reason.INVALID_VALUE, "body.targets", bytes(old.formatted(",\"targets\":{}")));
    assertError(Reason.INVALID_VALUE, "body.targets", bytes(old.formatted(",\"targets\":{\"all\":true,\"roles\":[\"kiosk\"]}")));
    assertError(Reason.INVALID_VALUE, "body.targets.terminals", bytes(old.formatted(",\"targets\":{\"terminals\":[\"Kiosk/#\"]}")));
    assertError(Reason.INVALID_VALUE, "body.priority", bytes(old.formatted(",\"priority\":\"urgent\"")));
    assertError(Reason.WRONG_TYPE, "body.targets.roles", bytes(old.formatted(",\"targets\":{\"roles\":\"kiosk\"}")));
  }

  private String header() {
    try {
      return MessageCodec.mapper().readTree(validEvents()).get("header").toString();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void emptyEventBatchIsInvalid() {
    assertError(Reason.INVALID_VALUE, "body.events", mutate(n -> body(n).putArray("events")));
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    byte[] payload =
        mutate(
            n -> {
              n.put("futureTopLevel", true);
              ((ObjectNode) n.get("header")).put("futureHeader", "x");
              firstEvent(n).putObject("futureDetail").put("a", 1);
            });
    assertInstanceOf(DecodeResult.Decoded.class, codec.decode(payload));
  }

  @Test
  void errorsNeverEchoThePayload() {
    String secretLooking = "1234-5678-9012";
    DecodeError e = assertError(Reason.INVALID_VALUE, "body.events[0].event.cardId", mutate(n -> firstEvent(n).put("cardId", secretLooking)));
    assertTrue(!e.toString().contains(secretLooking), e.toString());
  }

  // --- helpers

  private byte[] validEvents() {
    var ride = Samples.events().get(2);
    Envelope env = Samples.factory("taxi-1").envelope(new Events(java.util.List.of(new jp.mynaterm.protocol.message.EventRecord(1, Samples.STAMP, ride))));
    return codec.encode(env);
  }

  private byte[] mutate(Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) MessageCodec.mapper().readTree(validEvents());
      change.accept(root);
      return MessageCodec.mapper().writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode body(ObjectNode root) {
    return (ObjectNode) root.get("body");
  }

  private static ObjectNode firstRecord(ObjectNode root) {
    return (ObjectNode) root.get("body").get("events").get(0);
  }

  private static ObjectNode firstEvent(ObjectNode root) {
    return (ObjectNode) firstRecord(root).get("event");
  }

  private DecodeError assertError(Reason reason, String path, byte[] payload) {
    DecodeResult r = codec.decode(payload);
    DecodeError e = assertInstanceOf(DecodeResult.Failed.class, r, () -> "expected " + reason + " but decoded").error();
    assertEquals(reason, e.reason(), e::toString);
    assertEquals(path, e.path(), e::toString);
    return e;
  }
}
