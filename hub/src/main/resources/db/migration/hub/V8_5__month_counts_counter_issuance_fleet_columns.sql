-- The console's KPIs and fleet (issue #18 §2, §3).
-- Counts by month (Japan time) of the events the plan's KPIs and the open data count, kept up in the
-- transaction that stores each new event (EventRepository), so a page over a year reads a few rows,
-- not a million events; a repeat is not new, so it is never counted twice. V8.6 fills it from the
-- events already stored. part: the service of a card link, the type of a certificate, or ''.
CREATE TABLE event_month_count (month TEXT NOT NULL, metric TEXT NOT NULL, part TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (month, metric, part));
-- Certificates issued at the city's counters, imported monthly from the counter system's CSV: the
-- denominator of the share issued at kiosks. A month imported again replaces that month.
CREATE TABLE counter_issuance (month TEXT NOT NULL, certificate_type TEXT NOT NULL, copies BIGINT NOT NULL,
  imported_at TEXT NOT NULL, PRIMARY KEY (month, certificate_type));
-- The fleet view: a terminal's newest heartbeat is kept beside its newest status (a birth or last will
-- replaces the status, not what the last heartbeat said), with its outbox depth and how many
-- heartbeats in a row it has grown (the "outbox growing" alert).
ALTER TABLE terminal_status ADD COLUMN heartbeat TEXT;
ALTER TABLE terminal_status ADD COLUMN heartbeat_at TEXT;
ALTER TABLE terminal_status ADD COLUMN queue_depth BIGINT;
ALTER TABLE terminal_status ADD COLUMN queue_rises INTEGER NOT NULL DEFAULT 0;
UPDATE terminal_status SET heartbeat = payload, heartbeat_at = updated_at WHERE kind = 'heartbeat';
