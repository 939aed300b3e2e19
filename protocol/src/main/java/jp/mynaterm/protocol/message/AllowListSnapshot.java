package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** A whole allow-list of one service at a version, in chunks (a broker message has a size
 * limit): chunk {@code chunk} of {@code chunks}, numbered from 1. */
public record AllowListSnapshot(String service, long version, int chunk, int chunks, java.util.List<AllowEntry> entries) implements Body {
  public AllowListSnapshot {
    text("service", service);
    positive("version", version);
    positive("chunks", chunks);
    if (chunk < 1 || chunk > chunks) throw new BadValue("chunk", "must be between 1 and chunks");
    entries = list("entries", entries);
  }
}
