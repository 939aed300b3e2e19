package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a message says; its {@code kind} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Events.class, name = "events"),
  @JsonSubTypes.Type(value = Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = Birth.class, name = "birth"),
  @JsonSubTypes.Type(value = LastWill.class, name = "last-will"),
  @JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
  @JsonSubTypes.Type(value = ConfigPush.class, name = "config"),
  @JsonSubTypes.Type(value = AllowListSnapshot.class, name = "allow-snapshot"),
  @JsonSubTypes.Type(value = AllowListDelta.class, name = "allow-delta"),
  @JsonSubTypes.Type(value = RevocationSnapshot.class, name = "revocation-snapshot"),
  @JsonSubTypes.Type(value = RevocationDelta.class, name = "revocation-delta"),
  @JsonSubTypes.Type(value = StaffListSnapshot.class, name = "staff-snapshot"),
  @JsonSubTypes.Type(value = Alert.class, name = "alert"),
  @JsonSubTypes.Type(value = TaxiManifest.class, name = "taxi-manifest"),
  @JsonSubTypes.Type(value = AlertWithdrawn.class, name = "alert-withdrawn"),
  @JsonSubTypes.Type(value = Request.class, name = "request"),
  @JsonSubTypes.Type(value = Response.class, name = "response"),
})
public sealed interface Body
    permits Events,
        Ack,
        Birth,
        LastWill,
        Heartbeat,
        ConfigPush,
        AllowListSnapshot,
        AllowListDelta,
        RevocationSnapshot,
        RevocationDelta,
        StaffListSnapshot,
        Alert,
        TaxiManifest,
        AlertWithdrawn,
        Request,
        Response {}
