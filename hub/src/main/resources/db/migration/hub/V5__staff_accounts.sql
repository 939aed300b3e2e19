-- Staff accounts for the terminal pages and the console: roles, a password hash (never the password),
-- disabled, and the failed sign-ins that lock an account for a while.
CREATE TABLE staff_account (user_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT, updated_at TEXT NOT NULL);
CREATE TABLE staff_role (user_id TEXT NOT NULL REFERENCES staff_account (user_id), role TEXT NOT NULL, PRIMARY KEY (user_id, role));
