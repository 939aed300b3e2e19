package jp.mynaterm.cli.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jp.mynaterm.cli.ExitCodes;
import jp.mynaterm.cli.MainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `card tap` refuses what it cannot do in one line, exit 2, before touching a reader. */
class CardTapCommandTest {
  @TempDir Path dir;

  @Test
  void tappingAResidentWhoDoesNotExistSaysWhoDoes() {
    MainTest.Run r = MainTest.run("card", "tap", "--resident", "99");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no resident '99'"), r.err());
  }

  @Test
  void tappingWithoutARunningDemoHubSaysSo() {
    MainTest.Run r = MainTest.run("card", "tap", "--resident", "3", "--hub-db", dir.resolve("absent.db").toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("no hub database"), r.err());
  }
}
