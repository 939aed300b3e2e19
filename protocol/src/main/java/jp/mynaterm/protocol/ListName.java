package jp.mynaterm.protocol;

import java.util.Optional;

/**
 * A list the hub keeps by versions and terminals hold a copy of: the revocation list, or one
 * service's allow-list. Its wire name ({@code revocation}, {@code allow-taxi}) is the key in
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

  /** The name on the wire. */
  String wire();

  /** The allow-list of one service (taxi, library, hospital, …). */
  static Allow allow(String service) {
    return new Allow(service);
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
}
