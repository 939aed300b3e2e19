-- Passkeys (WebAuthn credentials) residents registered for the taxi booking page, as staff_passkey keeps
-- staff's (one implementation, hub.passkey.Passkeys): the credential's public key and counter as the
-- authenticator attested them (base64url), never a private key. member is the rider's member number
-- (the booking login's); user_handle the random WebAuthn user id the authenticator keeps instead of it.
-- A password reset at the counter deletes the rider's passkeys (hub/README.md, Demand taxi), and so does
-- removing the login.
CREATE TABLE taxi_rider_passkey (credential_id TEXT PRIMARY KEY, member TEXT NOT NULL REFERENCES taxi_rider_login (member) ON DELETE CASCADE,
  user_handle TEXT NOT NULL, label TEXT NOT NULL, attested_credential TEXT NOT NULL, sign_count BIGINT NOT NULL,
  uv_initialized INTEGER NOT NULL, backup_eligible INTEGER NOT NULL, backup_state INTEGER NOT NULL,
  created_at TEXT NOT NULL, last_used_at TEXT);
CREATE INDEX taxi_rider_passkey_member ON taxi_rider_passkey (member);
