package jp.mynaterm.hub.storage;

/** A terminal's latest birth, heartbeat or last will. @param role from the birth, null otherwise */
public record StatusRow(String terminal, String kind, String role, String payload) {}
