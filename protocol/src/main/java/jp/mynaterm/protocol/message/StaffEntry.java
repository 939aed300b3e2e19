package jp.mynaterm.protocol.message;

import jp.mynaterm.protocol.Fields;

/**
 * One staff account as a counter terminal holds it for offline sign-in: never a plaintext password.
 *
 * @param user the user id
 * @param roles the account's roles that count at this list's terminals ({@code StaffRole} wire names:
 *     the list's own role, administrator); names this version does not know are ignored
 * @param passwordHash the salted hash with its scheme ({@code {bcrypt}$2a$12$...}); empty for a
 *     disabled account, which needs none
 * @param disabled true once the account is disabled at the hub: it signs in nowhere
 */
public record StaffEntry(String user, java.util.List<String> roles, String passwordHash, boolean disabled) {
  public StaffEntry {
    Fields.text("user", user);
    roles = Fields.list("roles", roles);
    if (disabled) passwordHash = "";
    else Fields.text("passwordHash", passwordHash);
  }
}
