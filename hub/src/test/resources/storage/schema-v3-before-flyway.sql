-- A hub database as the hand-rolled Migrations (before Flyway) left it at version 3: the same DDL,
-- and the schema_version table they kept. Test fixture for the upgrade (baseline) test; keep as is.
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
CREATE TABLE events (terminal TEXT NOT NULL, seq BIGINT NOT NULL, event_type TEXT NOT NULL, wall TEXT NOT NULL, boot_id TEXT NOT NULL, mono_ms BIGINT NOT NULL, synced INTEGER NOT NULL, received_at TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (terminal, seq));
CREATE INDEX events_type_wall ON events (event_type, wall);
CREATE TABLE terminal_status (terminal TEXT PRIMARY KEY, kind TEXT NOT NULL, role TEXT, payload TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE list_version (name TEXT PRIMARY KEY, version BIGINT NOT NULL);
CREATE TABLE list_delta (name TEXT NOT NULL, from_version BIGINT NOT NULL, to_version BIGINT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (name, to_version));
CREATE TABLE revoked (serial TEXT PRIMARY KEY);
CREATE TABLE allow_entry (service TEXT NOT NULL, card_id TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (service, card_id));
CREATE TABLE alert (id TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE TABLE config_push (terminal TEXT PRIMARY KEY, version BIGINT NOT NULL, payload TEXT NOT NULL);
INSERT INTO schema_version (version, description, applied_at) VALUES (1, 'events, terminal status, lists, alerts, config', '2026-10-01T00:00:00Z');
CREATE TABLE link_applied (terminal TEXT NOT NULL, seq BIGINT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (terminal, seq));
CREATE TABLE link_notice (terminal TEXT NOT NULL, seq BIGINT NOT NULL, n INTEGER NOT NULL, noted_at TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (terminal, seq, n));
ALTER TABLE allow_entry ADD COLUMN member TEXT;
CREATE INDEX allow_entry_member ON allow_entry (service, member);
INSERT INTO schema_version (version, description, applied_at) VALUES (2, 'registries: link events applied, staff notices, members looked up by number', '2026-10-01T00:00:00Z');
CREATE TABLE challenge (value TEXT PRIMARY KEY, terminal TEXT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE TABLE issued (code TEXT PRIMARY KEY, digest TEXT NOT NULL, terminal TEXT NOT NULL, type TEXT NOT NULL, copies INTEGER NOT NULL, issued_at TEXT NOT NULL);
INSERT INTO schema_version (version, description, applied_at) VALUES (3, 'issuance: one-use challenges, issued certificates for /verify (digest, never content)', '2026-10-01T00:00:00Z');
