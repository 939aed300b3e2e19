-- Passkeys (WebAuthn credentials) staff registered for the console: the credential's public key and
-- counter as the authenticator attested them (base64url), never a private key. user_handle is the random
-- WebAuthn user id the authenticator keeps instead of the account's user id.
CREATE TABLE staff_passkey (credential_id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES staff_account (user_id),
  user_handle TEXT NOT NULL, label TEXT NOT NULL, attested_credential TEXT NOT NULL, sign_count BIGINT NOT NULL,
  uv_initialized INTEGER NOT NULL, backup_eligible INTEGER NOT NULL, backup_state INTEGER NOT NULL,
  created_at TEXT NOT NULL, last_used_at TEXT);
CREATE INDEX staff_passkey_user ON staff_passkey (user_id);
