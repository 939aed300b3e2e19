package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** The whole list of revoked user-authentication certificate serials at a version, in chunks.
 * Serials are lowercase hex of the positive serial number. */
public record RevocationSnapshot(long version, int chunk, int chunks, java.util.List<String> serials) implements Body {
  public RevocationSnapshot {
    positive("version", version);
    positive("chunks", chunks);
    if (chunk < 1 || chunk > chunks) throw new BadValue("chunk", "must be between 1 and chunks");
    serials = list("serials", serials);
  }
}
