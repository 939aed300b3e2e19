package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** A certificate was printed at a kiosk from the hub's signed document.
 *
 * @param certificateType e.g. juminhyo, inkan, shotoku, fuhyo
 * @param verificationCode the grant's code (its first copy's), checkable at the hub's /verify page
 * @param copies how many came out: copies print in order and printing stops at the first that does
 *     not come out, so these are copies 1 to {@code copies}; each of the rest, with its own code, is void
 * @param documentDigest SHA-256 of the signed document, hex */
public record CertificateIssued(String certificateType, String verificationCode, int copies, int feeYen, String paymentId, String documentDigest) implements UsageEvent {
  public CertificateIssued {
    text("certificateType", certificateType);
    text("verificationCode", verificationCode);
    positive("copies", copies);
    nonNegative("feeYen", feeYen);
    paymentId = paymentId == null ? "" : paymentId;
    text("documentDigest", documentDigest);
  }
}
