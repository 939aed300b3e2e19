package jp.mynaterm.hub.storage;

import jp.mynaterm.protocol.message.EventRecord;

/** A stored event as it was received: from which terminal, when (the terminal's stamp), and what. */
public record StoredEvent(EventKey key, EventRecord record) {}
