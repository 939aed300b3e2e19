package jp.mynaterm.cli.demo;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Set;
import jp.mynaterm.hub.staff.StaffAccounts;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The demo's staff accounts (development only), at the hub like any other: each start makes a new
 * random password, which the demo prints; an account left by an earlier run gets the new one.
 */
final class DemoStaff {
  private DemoStaff() {}

  /** Creates the account or resets its password; returns the password. */
  static String account(StaffAccounts staff, String userId, String name, Set<StaffRole> roles) throws SQLException {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    if (staff.account(userId).isPresent()) staff.setPassword(userId, password);
    else staff.add(userId, name, roles, password);
    return password;
  }
}
