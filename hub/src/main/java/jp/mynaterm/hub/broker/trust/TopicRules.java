package jp.mynaterm.hub.broker.trust;

import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;

/**
 * Who may publish and subscribe where — the one place the broker's rights are written, for the
 * embedded broker's permissions and for Mosquitto's ACL alike. Built on {@link Topics}' methods; the
 * few filters Topics has no method for yet (the hub's whole down, up branches) are {@link #branch}.
 *
 * <ul>
 *   <li>a terminal publishes only on its own up channels, subscribes only to its own down branch, the
 *       alerts, the revocation list and the allow-list of its role's service (a taxi: allow-taxi);
 *   <li>the hub publishes on every terminal's down branch and the broadcasts, and subscribes (shared
 *       or not) to every terminal's up branch.
 * </ul>
 */
public final class TopicRules {
  public enum Access {
    PUBLISH,
    SUBSCRIBE
  }

  /** One right: an MQTT topic filter, what may be done on it, and whether as a shared subscription. */
  public record Rule(String filter, Access access, boolean shared) {}

  private TopicRules() {}

  public static List<Rule> forClient(Topics topics, String id, Role role) {
    if (role == Role.HUB) return hub(topics);
    List<Rule> rules = new ArrayList<>(terminalOwn(topics, id));
    rules.addAll(roleLists(topics, role));
    return rules;
  }

  /** What every terminal may do with its own id, whatever its role. */
  static List<Rule> terminalOwn(Topics topics, String id) {
    List<Rule> rules = new ArrayList<>();
    for (Topics.Up channel : Topics.Up.values()) rules.add(new Rule(topics.up(id, channel), Access.PUBLISH, false));
    rules.add(new Rule(topics.downAll(id), Access.SUBSCRIBE, false));
    rules.add(new Rule(topics.broadcastAlerts(), Access.SUBSCRIBE, false));
    rules.add(new Rule(topics.broadcastList(ListName.REVOCATION), Access.SUBSCRIBE, false));
    return rules;
  }

  /** The broadcast lists a role is entitled to beyond the revocation list. */
  static List<Rule> roleLists(Topics topics, Role role) {
    return switch (role) {
      case TAXI, LIBRARY, HOSPITAL -> List.of(new Rule(topics.broadcastList(ListName.allow(role.key())), Access.SUBSCRIBE, false));
      case KIOSK, HUB -> List.of();
    };
  }

  static List<Rule> hub(Topics topics) {
    return List.of(
        new Rule(branch(topics, "down"), Access.PUBLISH, false),
        new Rule(topics.broadcastAll(), Access.PUBLISH, false),
        new Rule(branch(topics, "up"), Access.SUBSCRIBE, true));
  }

  /** A whole branch of the city's topics ({@code mynaterm/v1/{city}/up/#}). */
  static String branch(Topics topics, String name) {
    return Topics.ROOT + "/" + topics.municipality() + "/" + name + "/#";
  }
}
