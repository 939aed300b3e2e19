-- The audit log: staff actions and security events, append-only, each entry chained to the one before
-- by hashes (AuditLog), and a signed checkpoint of the chain per day.
CREATE TABLE audit_entry (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE audit_checkpoint (day TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL, signature TEXT NOT NULL,
  signed_at TEXT NOT NULL);
