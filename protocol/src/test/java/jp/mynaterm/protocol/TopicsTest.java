package jp.mynaterm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private final Topics topics = new Topics("212075");

  @Test
  void upTopicsCarryMunicipalityAndTerminalAndParseBack() {
    for (Topics.Up channel : Topics.Up.values()) {
      String topic = topics.up("taxi-1", channel);
      assertTrue(topic.startsWith("mynaterm/v1/212075/up/taxi-1/"), topic);
      assertEquals(Optional.of(new Topics.UpTopic("212075", "taxi-1", channel)), Topics.parse(topic));
    }
  }

  @Test
  void everyTopicOfTheSchemeParsesBackToWhatFormattedIt() {
    List<Topics.Topic> all = new ArrayList<>();
    for (Topics.Up c : Topics.Up.values()) all.add(new Topics.UpTopic("212075", "taxi-1", c));
    for (Topics.Down c : Topics.Down.values()) all.add(new Topics.DownTopic("212075", "kiosk-2", c));
    all.add(new Topics.ListTopic("212075", ListName.REVOCATION));
    all.add(new Topics.ListTopic("212075", ListName.allow("taxi")));
    all.add(new Topics.AlertTopic("212075"));
    for (Topics.Topic t : all) assertEquals(Optional.of(t), Topics.parse(t.topic()), t.topic());
  }

  @Test
  void downAndBroadcastAreSeparateBranches() {
    assertEquals("mynaterm/v1/212075/down/taxi-1/acks", topics.down("taxi-1", Topics.Down.ACKS));
    assertEquals("mynaterm/v1/212075/broadcast/alerts", topics.broadcastAlerts());
    assertEquals("mynaterm/v1/212075/broadcast/lists/allow-taxi", topics.broadcastList(ListName.allow("taxi")));
    assertEquals("mynaterm/v1/212075/broadcast/lists/revocation", topics.broadcastList(ListName.REVOCATION));
    assertEquals(
        Optional.of(new Topics.DownTopic("212075", "taxi-1", Topics.Down.ACKS)), Topics.parse(topics.down("taxi-1", Topics.Down.ACKS)));
  }

  @Test
  void hubSharesTheUpBranchAcrossProcesses() {
    assertEquals("$share/hub/mynaterm/v1/212075/up/+/events", topics.sharedUp(Topics.Up.EVENTS));
  }

  @Test
  void aSingleHubSubscribesPlainlyAGroupOfHubsShares() {
    assertEquals("mynaterm/v1/212075/up/+/requests", topics.everyUp(null, Topics.Up.REQUESTS));
    assertEquals("$share/hubs/mynaterm/v1/212075/up/+/events", topics.everyUp("hubs", Topics.Up.EVENTS));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> topics.everyUp("a/b", Topics.Up.EVENTS), "no separators in a group");
  }

  @Test
  void subscriptionFiltersParseBack() {
    for (Topics.Up c : Topics.Up.values()) {
      assertEquals(Optional.of(new Topics.SharedUp("212075", c)), Topics.parseFilter(topics.sharedUp(c)));
    }
    assertEquals("mynaterm/v1/212075/down/taxi-1/#", topics.downAll("taxi-1"));
    assertEquals(Optional.of(new Topics.DownAll("212075", "taxi-1")), Topics.parseFilter(topics.downAll("taxi-1")));
    assertEquals("mynaterm/v1/212075/broadcast/#", topics.broadcastAll());
    assertEquals(Optional.of(new Topics.BroadcastAll("212075")), Topics.parseFilter(topics.broadcastAll()));
    assertEquals("mynaterm/v1/212075/up/#", topics.wholeBranch(Topics.Branch.UP));
    assertEquals("mynaterm/v1/212075/down/#", topics.wholeBranch(Topics.Branch.DOWN));
    for (Topics.Branch b : Topics.Branch.values()) {
      assertEquals(Optional.of(new Topics.WholeBranch("212075", b)), Topics.parseFilter(topics.wholeBranch(b)));
    }
    assertTrue(Topics.parseFilter("$share/other/mynaterm/v1/212075/up/+/events").isEmpty(), "another share group");
    assertTrue(Topics.parseFilter("mynaterm/v1/212075/sideways/#").isEmpty(), "no such branch");
    assertTrue(Topics.parseFilter("mynaterm/v1/212075/#").isEmpty(), "the whole municipality is no filter of the scheme");
  }

  @Test
  void wildcardsAndSeparatorsCannotBeSmuggledInThroughIds() {
    for (String bad : new String[] {"+", "#", "taxi/1", "", "Taxi-1", "a b"}) {
      assertThrows(IllegalArgumentException.class, () -> topics.up(bad, Topics.Up.EVENTS), bad);
      assertThrows(IllegalArgumentException.class, () -> ListName.allow(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new Topics("2120"));
  }

  @Test
  void foreignOrMalformedTopicsDoNotParse() {
    for (String bad :
        new String[] {
          "mynaterm/v1/212075/up/+/events",
          "mynaterm/v1/212075/up/taxi-1/secrets",
          "mynaterm/v1/212075/up/taxi-1/events/more",
          "other/v1/212075/up/taxi-1/events",
          "mynaterm/v2/212075/up/taxi-1/events",
          "mynaterm/v1/2120/up/taxi-1/events",
          "mynaterm/v1/212075/down/taxi-1/secrets",
          "mynaterm/v1/212075/broadcast/lists/taxi",
          "mynaterm/v1/212075/broadcast/lists/allow-",
          "mynaterm/v1/212075/broadcast/news",
          "mynaterm/v1/212075/sideways/taxi-1/events",
          "mynaterm/v1/212075",
          ""
        }) {
      assertTrue(Topics.parse(bad).isEmpty(), bad);
    }
  }
}
