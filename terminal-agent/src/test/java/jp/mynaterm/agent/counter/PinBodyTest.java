package jp.mynaterm.agent.counter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The resident page's PIN body, parsed from bytes into a char array (no String on the way). */
class PinBodyTest {
  private static char[] parse(String body) {
    return PinBody.digits(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void exactlyFourDigitsInTheOneField() {
    assertArrayEquals("1234".toCharArray(), parse("{\"pin\":\"1234\"}"));
    assertArrayEquals("0907".toCharArray(), parse(" { \"pin\" : \"0907\" }\n"));
    for (String bad : new String[] {"{\"pin\":\"123\"}", "{\"pin\":\"12345\"}", "{\"pin\":\"12a4\"}", "{\"pin\":1234}", "{\"pin\":\"1234\",\"x\":1}",
        "{\"pi\":\"1234\"}", "{\"pin\":\"1234\"}x", "[\"1234\"]", ""}) {
      assertThrows(CounterPage.BadInput.class, () -> parse(bad), bad);
    }
  }

  @Test
  void aLibraryPasswordIsPrintableAsciiWithoutEscapesOrBars() {
    assertArrayEquals("Abc-12!".toCharArray(), PinBody.password(" {\"password\":\"Abc-12!\"} ".getBytes(StandardCharsets.UTF_8)));
    for (String bad : new String[] {"{\"password\":\"\"}", "{\"password\":\"a|b\"}", "{\"password\":\"a\\\"b\"}", "{\"password\":\"a b\"}",
        "{\"password\":\"" + "x".repeat(33) + "\"}", "{\"password\":\"図書\"}", "{\"pin\":\"1234\"}", "{\"password\":\"ab\"}x"}) {
      assertThrows(CounterPage.BadInput.class, () -> PinBody.password(bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
  }
}
