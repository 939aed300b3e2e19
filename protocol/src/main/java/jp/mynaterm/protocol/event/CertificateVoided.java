package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;

/**
 * The hub granted a certificate but no copy came out (not paid, the print failed, the kiosk stopped
 * mid-way): its verification codes (the grant's, and every copy's own) are void, so /verify does not
 * call a never-printed code issued.
 *
 * @param paymentId the payment refunded or never taken; empty if none was started
 * @param reason e.g. not-paid, print-failed, unfinished-at-start
 */
public record CertificateVoided(String certificateType, String verificationCode, String paymentId, String reason) implements UsageEvent {
  public CertificateVoided {
    text("certificateType", certificateType);
    text("verificationCode", verificationCode);
    paymentId = paymentId == null ? "" : paymentId;
    text("reason", reason);
  }
}
