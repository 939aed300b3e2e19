-- Emergency alerts (issue #18 §4): who sent an alert and when, whether a running hub has published it
-- (the CLI only writes the database; the hub publishes what is new), its withdrawal, and each
-- terminal's acknowledgement: when it stored the alert and when it showed it (first time of each).
-- Alerts stored before this keep their payload; it decodes as for all terminals at normal priority.
ALTER TABLE alert ADD COLUMN created_ms BIGINT;
ALTER TABLE alert ADD COLUMN sent_by TEXT;
ALTER TABLE alert ADD COLUMN published_ms BIGINT;
ALTER TABLE alert ADD COLUMN withdrawn_ms BIGINT;
ALTER TABLE alert ADD COLUMN withdrawn_by TEXT;
ALTER TABLE alert ADD COLUMN withdrawal_published_ms BIGINT;
UPDATE alert SET published_ms = 0;
CREATE TABLE alert_ack (alert_id TEXT NOT NULL, terminal TEXT NOT NULL, received_ms BIGINT, shown_ms BIGINT,
  PRIMARY KEY (alert_id, terminal));
