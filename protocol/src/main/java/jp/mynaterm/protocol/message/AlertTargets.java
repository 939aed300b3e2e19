package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.protocol.Topics;

/**
 * Which terminals an alert is for: every one ({@code {"all":true}}), or those of the named roles and
 * the named terminals ({@code {"roles":["kiosk"],"terminals":["taxi-1"]}}, either may be absent).
 * The hub decides from this whom it sends the alert to; a terminal never sees an alert meant for others.
 *
 * @param roles terminal roles by their configuration key ({@code kiosk}, {@code taxi}, {@code library}, {@code hospital})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AlertTargets(Boolean all, List<String> roles, List<String> terminals) {
  public static final AlertTargets ALL = new AlertTargets(true, List.of(), List.of());

  public AlertTargets {
    all = Boolean.TRUE.equals(all); // absent: roles and terminals name whom
    roles = roles == null ? List.of() : list("roles", roles);
    terminals = terminals == null ? List.of() : list("terminals", terminals);
    for (String r : roles) if (!Topics.isId(r)) throw new BadValue("roles", "has a role that is not a lowercase id");
    for (String t : terminals) if (!Topics.isId(t)) throw new BadValue("terminals", "has a terminal id that is not a lowercase id");
    if (all && !(roles.isEmpty() && terminals.isEmpty())) throw new BadValue("targets", "is either all or roles and terminals, not both");
    if (!all && roles.isEmpty() && terminals.isEmpty()) throw new BadValue("targets", "names no terminal: give all, roles or terminals");
  }

  public static AlertTargets roles(String... roles) {
    return new AlertTargets(false, List.of(roles), List.of());
  }

  public static AlertTargets terminals(String... terminals) {
    return new AlertTargets(false, List.of(), List.of(terminals));
  }

  /** Whether the alert is for this terminal, of this role (empty when the hub does not know it). */
  public boolean includes(String terminal, Optional<String> role) {
    return all() || terminals.contains(terminal) || role.map(roles::contains).orElse(false);
  }

  /** For people: {@code all}, or {@code roles kiosk, taxi; terminals kiosk-1}. */
  public String describe() {
    if (all()) return "all";
    List<String> parts = new java.util.ArrayList<>();
    if (!roles.isEmpty()) parts.add("roles " + String.join(", ", roles));
    if (!terminals.isEmpty()) parts.add("terminals " + String.join(", ", terminals));
    return String.join("; ", parts);
  }
}
