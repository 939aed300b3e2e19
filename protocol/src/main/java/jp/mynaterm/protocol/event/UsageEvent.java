package jp.mynaterm.protocol.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A usage record: something that happened at a terminal and must reach the hub exactly once in
 * effect. Each is committed to the terminal's outbox before the terminal says "OK". Events carry
 * CardIds and facts, never names, addresses or the My Number.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CardLinked.class, name = "CardLinked"),
  @JsonSubTypes.Type(value = CardUnlinked.class, name = "CardUnlinked"),
  @JsonSubTypes.Type(value = RideBoarded.class, name = "RideBoarded"),
  @JsonSubTypes.Type(value = RideAlighted.class, name = "RideAlighted"),
  @JsonSubTypes.Type(value = TapRefused.class, name = "TapRefused"),
  @JsonSubTypes.Type(value = ShiftOpened.class, name = "ShiftOpened"),
  @JsonSubTypes.Type(value = ShiftClosed.class, name = "ShiftClosed"),
  @JsonSubTypes.Type(value = LibraryLoan.class, name = "LibraryLoan"),
  @JsonSubTypes.Type(value = LibraryReturn.class, name = "LibraryReturn"),
  @JsonSubTypes.Type(value = HospitalCheckIn.class, name = "HospitalCheckIn"),
  @JsonSubTypes.Type(value = CertificateIssued.class, name = "CertificateIssued"),
  @JsonSubTypes.Type(value = PaymentTaken.class, name = "PaymentTaken"),
  @JsonSubTypes.Type(value = PaymentRefunded.class, name = "PaymentRefunded"),
  @JsonSubTypes.Type(value = IssueRequestQueued.class, name = "IssueRequestQueued"),
  @JsonSubTypes.Type(value = CertificateVoided.class, name = "CertificateVoided"),
  @JsonSubTypes.Type(value = StaffAlert.class, name = "StaffAlert"),
  @JsonSubTypes.Type(value = AlertAcknowledged.class, name = "AlertAcknowledged"),
})
public sealed interface UsageEvent
    permits CardLinked,
        CardUnlinked,
        RideBoarded,
        RideAlighted,
        TapRefused,
        ShiftOpened,
        ShiftClosed,
        LibraryLoan,
        LibraryReturn,
        HospitalCheckIn,
        CertificateIssued,
        PaymentTaken,
        PaymentRefunded,
        IssueRequestQueued,
        CertificateVoided,
        StaffAlert,
        AlertAcknowledged {}
