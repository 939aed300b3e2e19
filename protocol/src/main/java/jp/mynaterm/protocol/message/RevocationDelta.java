package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** Certificates revoked (or reinstated) between two versions of the revocation list: entries as in {@link RevocationSnapshot}. */
public record RevocationDelta(long fromVersion, long toVersion, java.util.List<String> added, java.util.List<String> removed) implements Body {
  public RevocationDelta {
    nonNegative("fromVersion", fromVersion);
    if (toVersion <= fromVersion) throw new BadValue("toVersion", "must be greater than fromVersion");
    added = list("added", added);
    removed = list("removed", removed);
  }
}
