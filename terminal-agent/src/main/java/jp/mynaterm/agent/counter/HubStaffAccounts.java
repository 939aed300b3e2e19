package jp.mynaterm.agent.counter;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The accounts a counter signs staff in against: its role's staff list as the hub last sent it
 * ({@code staff-library}, {@code staff-hospital}), kept in the downlink store, so sign-in works offline
 * and a change at the hub ({@code mynaterm hub staff}) counts within seconds — a disabled account at
 * the next sign-in or page request. There is no other source: a counter that never reached the hub
 * signs no one in.
 */
public final class HubStaffAccounts implements StaffSignIn.Accounts {
  private final DownlinkStore downlink;
  private final StaffRole role;

  public HubStaffAccounts(DownlinkStore downlink, StaffRole role) {
    this.downlink = downlink;
    this.role = role;
  }

  @Override
  public Optional<StaffSignIn.Account> find(String userId) {
    return downlink.staffAccount(role, userId).map(e -> {
      Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
      e.roles().forEach(r -> StaffRole.ofWire(r).ifPresent(roles::add));
      return new StaffSignIn.Account(e.user(), roles, e.passwordHash(), e.disabled());
    });
  }
}
