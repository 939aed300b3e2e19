package jp.mynaterm.protocol.event;

/**
 * A return at the library counter: a count only, no item and no card (see {@link LibraryLoan} for why).
 *
 * @param offline whether the checkin was queued offline and sent with SIP2's no-block flag
 * @param accepted whether the library system accepted it
 */
public record LibraryReturn(boolean offline, boolean accepted) implements UsageEvent {}
