package jp.mynaterm.agent.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import jp.mynaterm.protocol.staff.StaffRole;
import org.junit.jupiter.api.Test;

/** Staff see at a glance that a counter page runs in development mode, and only then. */
class DevelopmentRibbonTest {
  private static final String LIBRARY = "/jp/mynaterm/agent/library/web";

  @Test
  void aCounterPageInDevelopmentModeShowsTheRibbonAndOneOutsideItDoesNot() throws Exception {
    assertTrue(page(true).contains("<body class=\"signed-out\">\n" + DevelopmentRibbon.HTML + "<header>"), "the ribbon first in the body");
    assertFalse(page(false).contains(DevelopmentRibbon.TEXT));
  }

  private static String page(boolean development) throws Exception {
    StaffSignIn nobody = new StaffSignIn(userId -> Optional.empty(), StaffRole.LIBRARY, Clock.systemUTC(), StaffSignIn.SHIFT);
    try (CounterPage page = new CounterPage(LIBRARY, "127.0.0.1", 0, nobody, development, routes -> {})) {
      HttpResponse<String> answer = HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
      return answer.body();
    }
  }
}
