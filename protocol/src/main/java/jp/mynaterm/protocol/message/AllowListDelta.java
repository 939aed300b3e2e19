package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** The changes to a service's allow-list from one version to the next. */
public record AllowListDelta(String service, long fromVersion, long toVersion, java.util.List<AllowEntry> upserts, java.util.List<jp.mynaterm.protocol.card.CardId> removals) implements Body {
  public AllowListDelta {
    text("service", service);
    nonNegative("fromVersion", fromVersion);
    if (toVersion <= fromVersion) throw new BadValue("toVersion", "must be greater than fromVersion");
    upserts = list("upserts", upserts);
    removals = list("removals", removals);
  }
}
