package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.message.EventRecord;

/** One event to store, as it came from a terminal. */
public record EventRow(String terminal, EventRecord record) {}
