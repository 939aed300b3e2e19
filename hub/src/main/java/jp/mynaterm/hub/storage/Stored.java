package jp.mynaterm.hub.storage;

/** What storing one event did. */
public enum Stored {
  /** Stored now. */
  NEW,
  /** The same event was already stored under its key: nothing changed, acknowledge it again. */
  REPEAT,
  /**
   * A different event is stored under the same (terminal, epoch, seq): this one was kept aside in
   * event_conflict; it must be refused, never acknowledged as a repeat.
   */
  CONFLICT
}
