package jp.mynaterm.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * A list the hub keeps by versions and terminals hold a copy of: the revocation list, one service's
 * allow-list, or the staff accounts of one staff role. Its wire name ({@code revocation},
 * {@code allow-taxi}, {@code staff-library}) is the key in
 * list-sync's {@code have}, the versions in birth and heartbeat, and the last segment of its
 * broadcast topic; hub and terminals also store versions under it.
 */
public sealed interface ListName {
  /** The revoked user-authentication certificate serials. */
  ListName REVOCATION = new Revocation();

  /**
   * The key the pushed configuration's version goes under in the same version maps; it is not a
   * list and has no broadcast topic.
   */
  String CONFIG_VERSION = "config";

  /** The prefix of an allow-list's wire name. */
  String ALLOW_PREFIX = "allow-";

  /** The prefix of a staff list's wire name. */
  String STAFF_PREFIX = "staff-";

  /** The name on the wire. */
  String wire();

  /** The allow-list of one service (taxi, library, hospital, …). */
  static Allow allow(String service) {
    return new Allow(service);
  }

  /** The staff accounts that may sign in to the terminals of one staff role (with their administrators). */
  static Staff staff(StaffRole role) {
    return new Staff(role);
  }

  /**
   * The lists a terminal holds and the broker lets it read: the revocation list, its service's
   * allow-list if it has one, and its staff role's accounts if staff sign in on it (the counters).
   *
   * @param service the service of its allow-list (a wire segment), if any
   * @param staffRole the {@link StaffRole} wire name of the staff who sign in on it, if any
   */
  static List<ListName> heldBy(Optional<String> service, Optional<String> staffRole) {
    List<ListName> lists = new ArrayList<>(List.of(REVOCATION));
    service.filter(ListName::isService).map(ListName::allow).ifPresent(lists::add);
    staffRole.flatMap(StaffRole::ofWire).map(ListName::staff).ifPresent(lists::add);
    return List.copyOf(lists);
  }

  /** Whether an allow-list can be named after this service (it goes into topics: lowercase letters, digits, '-'). */
  static boolean isService(String service) {
    return Topics.isId(service);
  }

  /** The list with this wire name; empty if it names none. */
  static Optional<ListName> parse(String wire) {
    if (wire == null) return Optional.empty();
    if (wire.equals(REVOCATION.wire())) return Optional.of(REVOCATION);
    if (wire.startsWith(ALLOW_PREFIX) && isService(wire.substring(ALLOW_PREFIX.length()))) {
      return Optional.of(new Allow(wire.substring(ALLOW_PREFIX.length())));
    }
    if (wire.startsWith(STAFF_PREFIX)) return StaffRole.ofWire(wire.substring(STAFF_PREFIX.length())).map(Staff::new);
    return Optional.empty();
  }

  record Revocation() implements ListName {
    @Override
    public String wire() {
      return "revocation";
    }
  }

  /** @param service the service's name, which goes into topics: lowercase letters, digits, '-' */
  record Allow(String service) implements ListName {
    public Allow {
      if (!isService(service)) {
        throw new IllegalArgumentException("not a valid service name: '" + service + "' (lowercase letters, digits, '-')");
      }
    }

    @Override
    public String wire() {
      return ALLOW_PREFIX + service;
    }
  }

  /**
   * The staff accounts of one role (user id, roles, password hash, disabled), sent whole at each
   * version: a counter checks sign-ins against its last copy, offline too.
   */
  record Staff(StaffRole role) implements ListName {
    public Staff {
      java.util.Objects.requireNonNull(role, "role");
    }

    @Override
    public String wire() {
      return STAFF_PREFIX + role.wire();
    }
  }
}
