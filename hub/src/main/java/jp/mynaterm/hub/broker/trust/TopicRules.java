package jp.mynaterm.hub.broker.trust;

import java.util.ArrayList;
import java.util.List;
import jp.mynaterm.config.Role;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.Topics;

/**
 * Who may publish and subscribe where — the one place the broker's rights are written, for the
 * embedded broker's permissions and for Mosquitto's ACL alike. Built on {@link Topics}' methods only.
 *
 * <ul>
 *   <li>a terminal publishes only on its own up channels, subscribes only to its own down branch, the
 *       alerts and the lists its role holds ({@link ListName#heldBy}: the revocation list, its service's
 *       allow-list — a taxi: allow-taxi — and, at a library or hospital counter, its staff list);
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
    return terminal(topics, id, role);
  }

  /** What every terminal may do with its own id, and read by its role ({@link Topics#terminalReads}). */
  static List<Rule> terminal(Topics topics, String id, Role role) {
    List<Rule> rules = new ArrayList<>();
    for (Topics.Up channel : Topics.Up.values()) rules.add(new Rule(topics.up(id, channel), Access.PUBLISH, false));
    for (String filter : topics.terminalReads(id, ListName.heldBy(role.allowListService(), role.staffRole()))) rules.add(new Rule(filter, Access.SUBSCRIBE, false));
    return rules;
  }

  static List<Rule> hub(Topics topics) {
    return List.of(
        new Rule(topics.wholeBranch(Topics.Branch.DOWN), Access.PUBLISH, false),
        new Rule(topics.broadcastAll(), Access.PUBLISH, false),
        new Rule(topics.wholeBranch(Topics.Branch.UP), Access.SUBSCRIBE, true));
  }
}
