package jp.mynaterm.hub.console;

import java.util.Set;
import jp.mynaterm.protocol.staff.StaffRole;

/** Where a section adds its pages; each is guarded by the shell (see {@link ConsoleSection}). */
public interface ConsoleRoutes {
  /** A page any of the section's roles may read ({@code path} "" is the section's own page). */
  void get(String path, ConsoleHandler handler);

  /** An action any of the section's roles may take; answer with a redirect ({@link ConsoleRequest#redirect}). */
  void post(String path, ConsoleHandler handler);

  /** A page only {@code roles} (and administrators) may read: narrower than the section's. */
  void get(String path, Set<StaffRole> roles, ConsoleHandler handler);

  /** An action only {@code roles} (and administrators) may take. */
  void post(String path, Set<StaffRole> roles, ConsoleHandler handler);
}
