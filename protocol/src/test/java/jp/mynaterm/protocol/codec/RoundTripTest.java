package jp.mynaterm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.mynaterm.protocol.Samples;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Body;
import jp.mynaterm.protocol.message.Envelope;
import jp.mynaterm.protocol.message.Events;
import jp.mynaterm.protocol.message.Request;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.Response;
import jp.mynaterm.protocol.message.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  private final MessageCodec codec = new MessageCodec();

  static Stream<Body> bodies() {
    return Samples.bodies().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void everyKindSurvivesEncodeAndDecode(Body body) {
    Envelope sent = Samples.factory("taxi-1").envelope(body);
    DecodeResult result = codec.decode(codec.encode(sent));
    Envelope received = assertInstanceOf(DecodeResult.Decoded.class, result, () -> result.toString()).envelope();
    assertEquals(sent, received);
  }

  @Test
  void eventsStoredAsJsonMakeTheSameMessageAsTheRecords() throws Exception {
    // What an agent sends from its outbox: every sample event, as the outbox keeps it, spliced in.
    java.util.List<jp.mynaterm.protocol.message.EventRecord> records =
        Samples.bodies().stream().filter(Events.class::isInstance).flatMap(b -> ((Events) b).events().stream()).toList();
    java.util.List<byte[]> stored = records.stream().map(r -> MessageCodec.write(r).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    for (byte[] json : stored) MessageCodec.checkEventRecord(json);
    Envelope sent = Samples.factory("taxi-1").envelope(new Events("epoch-1", records));
    DecodeResult result = codec.decode(codec.encodeEvents(sent.header(), "epoch-1", stored));
    assertEquals(sent, assertInstanceOf(DecodeResult.Decoded.class, result, () -> result.toString()).envelope());
  }

  @Test
  void theCheapEventCheckRefusesWhatWouldSpoilAMessage() {
    String good = MessageCodec.write(Samples.bodies().stream().filter(Events.class::isInstance).map(b -> ((Events) b).events().getFirst()).findFirst().orElseThrow());
    for (String bad : new String[] {good.substring(0, good.length() / 2), good + "]", "[]", good.replaceFirst("\"type\":\"\\w+\"", "\"type\":\"RideTeleported\""), good.replaceFirst("\"seq\":\\d+", "\"seq\":0")}) {
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> MessageCodec.checkEventRecord(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), bad);
      if (bad.contains("RideTeleported")) assertTrue(e.getMessage().contains("RideTeleported"), e.getMessage());
    }
  }

  @Test
  void samplesCoverEveryKindEventRequestAndResponse() {
    // A kind added to the contract without a sample here would go untested: this fails instead.
    assertEquals(permitted(Body.class), Samples.bodies().stream().map(Object::getClass).collect(Collectors.toSet()));
    Set<Class<?>> events =
        Samples.bodies().stream()
            .filter(Events.class::isInstance)
            .flatMap(b -> ((Events) b).events().stream())
            .map(r -> r.event().getClass())
            .collect(Collectors.toSet());
    assertEquals(permitted(UsageEvent.class), events);
    assertEquals(
        permitted(RequestBody.class),
        Samples.bodies().stream().filter(Request.class::isInstance).map(b -> ((Request) b).request().getClass()).collect(Collectors.toSet()));
    assertEquals(
        permitted(ResponseBody.class),
        Samples.bodies().stream().filter(Response.class::isInstance).map(b -> ((Response) b).response().getClass()).collect(Collectors.toSet()));
  }

  @Test
  void messageIdsAreUniqueAndTimeOrdered() {
    var factory = Samples.factory("taxi-1");
    var ids = Stream.generate(() -> factory.envelope(Samples.bodies().get(3)).header().id()).limit(1000).toList();
    assertEquals(1000, Set.copyOf(ids).size());
    assertEquals(ids.stream().sorted().toList(), ids, "UUIDv7 ids sort in creation order");
    assertTrue(ids.stream().allMatch(id -> id.charAt(14) == '7'), "version 7 UUIDs");
  }

  @Test
  void wireFormatNamesKindsAndTypesAsDocumented() {
    String json = new String(codec.encode(Samples.factory("taxi-1").envelope(Samples.bodies().get(0))), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"schema\":1,"), json);
    assertTrue(json.contains("\"kind\":\"events\""), json);
    assertTrue(json.contains("\"type\":\"RideBoarded\""), json);
    assertTrue(json.contains("\"wall\":\"2026-11-24T09:00:00.123Z\""), "ISO-8601 times, not numbers: " + json);
  }

  private static Set<Class<?>> permitted(Class<?> sealed) {
    return Arrays.stream(sealed.getPermittedSubclasses()).collect(Collectors.toSet());
  }
}
