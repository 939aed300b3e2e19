package jp.mynaterm.protocol.event;

/**
 * A patient checked in at hospital reception with the card: one visit (受診) for the plan's KPI. No
 * CardId, no patient number and no queue number: the hub can name the resident behind a CardId, and
 * who went to hospital when is health information (要配慮個人情報) that stays at the hospital. A reprint
 * of the same card's slip on the same day is not a second visit and is not sent.
 */
public record HospitalCheckIn() implements UsageEvent {}
