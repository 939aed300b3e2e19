package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynaterm.protocol.codec.DecodeResult;
import jp.mynaterm.protocol.codec.MessageCodec;
import org.junit.jupiter.api.Test;

/** The README's examples are what integrators copy: every one must decode, one per kind. */
class ReadmeExamplesTest {
  @Test
  void everyJsonExampleInTheReadmeDecodes() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
    List<String> kinds = new ArrayList<>();
    MessageCodec codec = new MessageCodec();
    while (m.find()) {
      DecodeResult r = codec.decode(m.group(1).getBytes(StandardCharsets.UTF_8));
      var env = assertInstanceOf(DecodeResult.Decoded.class, r, () -> r + " in:\n" + m.group(1)).envelope();
      kinds.add(env.body().getClass().getSimpleName());
    }
    assertEquals(
        jp.mynaterm.protocol.message.Body.class.getPermittedSubclasses().length,
        kinds.stream().distinct().count(),
        "one example of each kind: " + kinds);
  }
}
