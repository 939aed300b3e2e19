-- Issuance: one-use challenges, issued certificates for /verify (digest, never content).
CREATE TABLE challenge (value TEXT PRIMARY KEY, terminal TEXT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE TABLE issued (code TEXT PRIMARY KEY, digest TEXT NOT NULL, terminal TEXT NOT NULL, type TEXT NOT NULL,
  copies INTEGER NOT NULL, issued_at TEXT NOT NULL);
