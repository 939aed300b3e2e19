package jp.mynaterm.agent.downlink;

/** What applying one downlink message did. */
public sealed interface Applied {

  /** Stored; {@code list} names the list or item that changed (revocation, allow-taxi, config, alert). */
  record Changed(String list, long version) implements Applied {}

  /** A snapshot chunk stored; the list changes when the last chunk arrives. */
  record ChunkStored(String list, long version, int chunk, int chunks) implements Applied {}

  /** Already have this or newer: nothing to do. */
  record AlreadyHave(String list, long version) implements Applied {}

  /** A delta that does not start where this terminal is: ask the hub for what is missing. */
  record Gap(String list, long have, long deltaFrom) implements Applied {}

  /** Not something this store keeps, or storage failed (logged). */
  record NotApplied(String reason) implements Applied {}
}
