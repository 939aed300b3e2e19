package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynaterm.protocol.codec.DecodeError;
import jp.mynaterm.protocol.event.EventTypes;
import jp.mynaterm.protocol.event.RefusalReason;
import jp.mynaterm.protocol.event.UsageEvent;
import jp.mynaterm.protocol.message.Body;
import jp.mynaterm.protocol.message.RequestBody;
import jp.mynaterm.protocol.message.ResponseBody;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README is the contract integrators read: every wire name it lists exists in the code, and every
 * one the code can put on the wire is listed (with, for refusal reasons, the code's own meaning).
 */
class WireVocabularyTest {
  private static String readme;

  @BeforeAll
  static void read() throws Exception {
    readme = Files.readString(Path.of("README.md"));
  }

  @Test
  void topicsTableListsEveryChannelOfTheScheme() {
    List<String> code = new ArrayList<>();
    for (Topics.Up c : Topics.Up.values()) code.add("up/{terminal}/" + c.segment);
    for (Topics.Down c : Topics.Down.values()) code.add("down/{terminal}/" + c.segment);
    for (String c : Topics.BROADCAST_CHANNELS) code.add("broadcast/" + c + (c.equals("lists") ? "/{list}" : ""));
    assertSameNames(code, firstColumn("Topics"), "topics");
  }

  @Test
  void listNamesAreDocumented() {
    assertSameNames(
        List.of(ListName.REVOCATION.wire(), ListName.ALLOW_PREFIX + "{service}", ListName.STAFF_PREFIX + "{role}"), firstColumn("Lists"), "list names");
    assertEquals(java.util.Optional.of(ListName.allow("service")), ListName.parse(ListName.ALLOW_PREFIX + "service"));
    for (var role : jp.mynaterm.protocol.staff.StaffRole.values()) {
      assertEquals(java.util.Optional.of(ListName.staff(role)), ListName.parse(ListName.STAFF_PREFIX + role.wire()));
    }
    assertTrue(readme.contains("under `" + ListName.CONFIG_VERSION + "`"), "the config version key is documented");
  }

  @Test
  void messageKindsAndRequestAndResponseTypesAreDocumented() {
    List<List<String>> tables = tables("Message kinds");
    assertEquals(3, tables.size(), "kinds, request types, response types");
    assertSameNames(subtypeNames(Body.class), tables.get(0), "message kinds");
    assertSameNames(subtypeNames(RequestBody.class), tables.get(1), "request types");
    assertSameNames(subtypeNames(ResponseBody.class), tables.get(2), "response types");
  }

  @Test
  void usageEventTypesAreDocumentedAndNamedOnce() {
    assertSameNames(EventTypes.all(), firstColumn("Usage events"), "event types");
    assertEquals(
        new TreeSet<>(Arrays.stream(UsageEvent.class.getPermittedSubclasses()).map(Class::getName).toList()),
        new TreeSet<>(Arrays.stream(UsageEvent.class.getAnnotation(JsonSubTypes.class).value()).map(t -> t.value().getName()).toList()),
        "every permitted event has a wire name");
  }

  @Test
  void refusalReasonsAreDocumentedWithTheirMeaning() {
    Map<String, String> code = new LinkedHashMap<>();
    for (RefusalReason r : RefusalReason.values()) code.put(r.wire(), r.meaning());
    Map<String, String> doc = new LinkedHashMap<>();
    for (String[] row : rows("Refusal reasons").getFirst()) doc.put(row[0], row[1]);
    assertEquals(code, doc);
  }

  @Test
  void rejectedEventReasonsAreDocumented() {
    assertSameNames(List.of(jp.mynaterm.protocol.message.Rejected.CONFLICT, "{decode reason}"), firstColumn("Rejected events"), "rejected-event reasons");
  }

  @Test
  void decodeErrorReasonsAreDocumented() {
    assertSameNames(Arrays.stream(DecodeError.Reason.values()).map(DecodeError.Reason::key).toList(), firstColumn("Decoding"), "decode errors");
  }

  // --- reading the README's tables: `## Heading`, then tables whose rows start with a `name` cell

  private static List<String> subtypeNames(Class<?> sealed) {
    return Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
  }

  private static void assertSameNames(List<String> code, List<String> documented, String what) {
    assertEquals(new TreeSet<>(code), new TreeSet<>(documented), what + ": code (expected) vs README (actual)");
    assertEquals(documented.size(), new TreeSet<>(documented).size(), what + " listed once each: " + documented);
  }

  private static List<String> firstColumn(String heading) {
    List<List<String>> t = tables(heading);
    assertEquals(1, t.size(), "one table under ## " + heading);
    return t.getFirst();
  }

  private static List<List<String>> tables(String heading) {
    return rows(heading).stream().map(rows -> rows.stream().map(r -> r[0]).toList()).toList();
  }

  /** Each table under the heading, as rows of cells with the backticks of the first cell removed. */
  private static List<List<String[]>> rows(String heading) {
    Matcher section = Pattern.compile("(?ms)^## " + Pattern.quote(heading) + "\\n(.*?)(?=^## |\\z)").matcher(readme);
    if (!section.find()) throw new AssertionError("no section '## " + heading + "' in README.md");
    List<List<String[]>> tables = new ArrayList<>();
    List<String[]> current = null;
    for (String line : section.group(1).split("\n")) {
      if (!line.startsWith("|")) {
        current = null;
        continue;
      }
      if (current == null) {
        current = new ArrayList<>();
        tables.add(current);
      }
      String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toArray(String[]::new);
      if (cells[0].startsWith("`") && cells[0].endsWith("`")) {
        cells[0] = cells[0].substring(1, cells[0].length() - 1);
        current.add(cells);
      }
    }
    tables.removeIf(List::isEmpty);
    return tables;
  }
}
