package jp.mynaterm.protocol.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire names of usage events: the {@code type} of an event in a message, and the {@code
 * event_type} the hub stores and queries by. They are read from {@link UsageEvent}'s
 * {@code @JsonSubTypes}, so the codec and every query use the same one name per event; stored data
 * depends on them, so a name never changes once released.
 */
public final class EventTypes {
  private static final Map<Class<? extends UsageEvent>, String> NAMES = names();

  private EventTypes() {}

  /** The wire name of an event class ({@code RideBoarded.class} → {@code RideBoarded}). */
  public static String of(Class<? extends UsageEvent> type) {
    String name = NAMES.get(type);
    if (name == null) throw new IllegalArgumentException(type.getName() + " is not a usage event named in UsageEvent's @JsonSubTypes");
    return name;
  }

  /** The wire name of an event. */
  public static String of(UsageEvent event) {
    return of(event.getClass());
  }

  /** Every wire name, in declaration order. */
  public static List<String> all() {
    return List.copyOf(NAMES.values());
  }

  @SuppressWarnings("unchecked")
  private static Map<Class<? extends UsageEvent>, String> names() {
    Map<Class<? extends UsageEvent>, String> out = new LinkedHashMap<>();
    for (JsonSubTypes.Type t : UsageEvent.class.getAnnotation(JsonSubTypes.class).value()) {
      out.put((Class<? extends UsageEvent>) t.value(), t.name());
    }
    return Collections.unmodifiableMap(out);
  }
}
