package jp.mynaterm.hub.storage;

/** A stored event's identity: events are keyed by (terminal, outbox epoch, seq). */
public record EventKey(String terminal, String epoch, long seq) {}
