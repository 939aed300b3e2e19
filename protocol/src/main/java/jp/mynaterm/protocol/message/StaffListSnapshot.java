package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

import jp.mynaterm.protocol.staff.StaffRole;

/**
 * The whole staff list of one role at a version, in chunks (a broker message has a size limit):
 * chunk {@code chunk} of {@code chunks}, numbered from 1. A staff list has no deltas: it is small, and
 * each change at the hub sends the whole list at its next version, so a terminal that missed versions
 * is whole again with the next one.
 *
 * @param role the {@link StaffRole} wire name whose terminals hold the list (library, hospital)
 */
public record StaffListSnapshot(String role, long version, int chunk, int chunks, java.util.List<StaffEntry> accounts) implements Body {
  public StaffListSnapshot {
    text("role", role);
    if (StaffRole.ofWire(role).isEmpty()) throw new BadValue("role", "is not a staff role");
    positive("version", version);
    positive("chunks", chunks);
    if (chunk < 1 || chunk > chunks) throw new BadValue("chunk", "must be between 1 and chunks");
    accounts = list("accounts", accounts);
  }
}
