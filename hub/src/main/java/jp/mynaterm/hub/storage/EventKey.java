package jp.mynaterm.hub.storage;

/** A stored event's identity: events are keyed by (terminal, seq). */
public record EventKey(String terminal, long seq) {}
