package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** A certificate was printed at a kiosk from the hub's signed document.
 *
 * @param certificateType e.g. juminhyo, inkan, shotoku, fuhyo
 * @param verificationCode the code printed with the QR, checkable at the hub's /verify page
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
