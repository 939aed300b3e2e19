-- The hub's first schema, portable between SQLite and PostgreSQL (TEXT, BIGINT, INTEGER).
-- Released steps are never edited: a change is a new V<n>__ file.
CREATE TABLE events (terminal TEXT NOT NULL, seq BIGINT NOT NULL, event_type TEXT NOT NULL, wall TEXT NOT NULL,
  boot_id TEXT NOT NULL, mono_ms BIGINT NOT NULL, synced INTEGER NOT NULL, received_at TEXT NOT NULL,
  record TEXT NOT NULL, PRIMARY KEY (terminal, seq));
CREATE INDEX events_type_wall ON events (event_type, wall);
CREATE TABLE terminal_status (terminal TEXT PRIMARY KEY, kind TEXT NOT NULL, role TEXT, payload TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE list_version (name TEXT PRIMARY KEY, version BIGINT NOT NULL);
CREATE TABLE list_delta (name TEXT NOT NULL, from_version BIGINT NOT NULL, to_version BIGINT NOT NULL,
  payload TEXT NOT NULL, PRIMARY KEY (name, to_version));
CREATE TABLE revoked (serial TEXT PRIMARY KEY);
CREATE TABLE allow_entry (service TEXT NOT NULL, card_id TEXT NOT NULL, payload TEXT NOT NULL,
  PRIMARY KEY (service, card_id));
CREATE TABLE alert (id TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE TABLE config_push (terminal TEXT PRIMARY KEY, version BIGINT NOT NULL, payload TEXT NOT NULL);
