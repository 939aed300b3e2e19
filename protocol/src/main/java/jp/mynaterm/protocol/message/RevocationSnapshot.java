package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/**
 * The whole list of revoked user-authentication certificates at a version, in chunks. Each of
 * {@code serials} is an entry {@code <issuer>/<serial>} ({@link jp.mynaterm.protocol.card.CertificateKey}),
 * or a bare serial (any issuer) from before issuers were keyed.
 */
public record RevocationSnapshot(long version, int chunk, int chunks, java.util.List<String> serials) implements Body {
  public RevocationSnapshot {
    positive("version", version);
    positive("chunks", chunks);
    if (chunk < 1 || chunk > chunks) throw new BadValue("chunk", "must be between 1 and chunks");
    serials = list("serials", serials);
  }
}
