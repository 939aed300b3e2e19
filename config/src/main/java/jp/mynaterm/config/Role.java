package jp.mynaterm.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a process is: the hub, or one kind of terminal. Written in lower case in YAML. */
public enum Role {
  HUB,
  KIOSK,
  TAXI,
  LIBRARY,
  HOSPITAL;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The service whose allow-list (members' cards) this role's terminals hold and may read from the
   * broker: its own key for the counters and the taxi; none for the kiosk and the hub.
   */
  public java.util.Optional<String> allowListService() {
    return switch (this) {
      case TAXI, LIBRARY, HOSPITAL -> java.util.Optional.of(key());
      case KIOSK, HUB -> java.util.Optional.empty();
    };
  }

  /**
   * The staff role (its wire name in the protocol's {@code StaffRole}) whose accounts this role's
   * terminals hold for staff sign-in and may read from the broker: the library and hospital counters;
   * none for the taxi, the kiosk and the hub, where no staff sign in on the terminal.
   */
  public java.util.Optional<String> staffRole() {
    return switch (this) {
      case LIBRARY, HOSPITAL -> java.util.Optional.of(key());
      case TAXI, KIOSK, HUB -> java.util.Optional.empty();
    };
  }

  @JsonCreator
  public static Role of(String text) {
    for (Role r : values()) {
      if (r.key().equals(text)) return r;
    }
    throw new InvalidValue("role", "must be one of " + allKeys() + " (got '" + text + "')");
  }

  public static String allKeys() {
    return Arrays.stream(values()).map(Role::key).collect(Collectors.joining(", "));
  }
}
