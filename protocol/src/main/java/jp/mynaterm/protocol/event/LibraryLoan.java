package jp.mynaterm.protocol.event;

/**
 * A loan made at the library counter with a My Number card: a count for the plan's KPI, nothing more.
 * No CardId, no patron number and no item: which resident read what is a reading record, and the
 * library's own code (図書館の自由に関する宣言: 利用者の秘密を守る) keeps those inside the library
 * system. The hub learns that a loan happened, at which terminal and when.
 *
 * @param offline whether the checkout was queued offline and sent with SIP2's no-block flag
 * @param accepted whether the library system accepted it (false while still pending)
 */
public record LibraryLoan(boolean offline, boolean accepted) implements UsageEvent {}
