-- Registries: link events applied, staff notices, members looked up by number.
CREATE TABLE link_applied (terminal TEXT NOT NULL, seq BIGINT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (terminal, seq));
CREATE TABLE link_notice (terminal TEXT NOT NULL, seq BIGINT NOT NULL, n INTEGER NOT NULL, noted_at TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (terminal, seq, n));
ALTER TABLE allow_entry ADD COLUMN member TEXT;
CREATE INDEX allow_entry_member ON allow_entry (service, member);
