package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicsTest {
  private final Topics topics = new Topics("212075");

  @Test
  void upTopicsCarryMunicipalityAndTerminalAndParseBack() {
    for (Topics.Up channel : Topics.Up.values()) {
      String topic = topics.up("taxi-1", channel);
      assertTrue(topic.startsWith("mynaterm/v1/212075/up/taxi-1/"), topic);
      var parsed = Topics.parseUp(topic).orElseThrow();
      assertEquals(new Topics.UpTopic("212075", "taxi-1", channel), parsed);
    }
  }

  @Test
  void downAndBroadcastAreSeparateBranches() {
    assertEquals("mynaterm/v1/212075/down/taxi-1/acks", topics.down("taxi-1", Topics.Down.ACKS));
    assertEquals("mynaterm/v1/212075/broadcast/alerts", topics.broadcastAlerts());
    assertEquals("mynaterm/v1/212075/broadcast/lists/taxi", topics.broadcastList("taxi"));
    assertTrue(Topics.parseUp(topics.down("taxi-1", Topics.Down.ACKS)).isEmpty(), "a down topic is not an up topic");
  }

  @Test
  void hubSharesTheUpBranchAcrossProcesses() {
    assertEquals("$share/hub/mynaterm/v1/212075/up/+/events", topics.sharedUp(Topics.Up.EVENTS));
  }

  @Test
  void wildcardsAndSeparatorsCannotBeSmuggledInThroughIds() {
    for (String bad : new String[] {"+", "#", "taxi/1", "", "Taxi-1", "a b"}) {
      assertThrows(IllegalArgumentException.class, () -> topics.up(bad, Topics.Up.EVENTS), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new Topics("2120"));
  }

  @Test
  void foreignOrMalformedTopicsDoNotParse() {
    assertTrue(Topics.parseUp("mynaterm/v1/212075/up/+/events").isEmpty());
    assertTrue(Topics.parseUp("mynaterm/v1/212075/up/taxi-1/secrets").isEmpty());
    assertTrue(Topics.parseUp("other/v1/212075/up/taxi-1/events").isEmpty());
  }
}
