-- Events are keyed by (terminal, epoch, seq): the epoch is the terminal's outbox (a random id made with
-- the outbox file), so a re-imaged terminal or a new outbox starting again at sequence 1 is stored as new.
-- Rows stored before epochs, and the link registries' records of them, get the fixed epoch 'legacy', the
-- epoch terminals send for events of outbox files made before epochs (Events.LEGACY_EPOCH).
CREATE TABLE events_v6 (terminal TEXT NOT NULL, epoch TEXT NOT NULL, seq BIGINT NOT NULL, event_type TEXT NOT NULL,
  wall TEXT NOT NULL, boot_id TEXT NOT NULL, mono_ms BIGINT NOT NULL, synced INTEGER NOT NULL, received_at TEXT NOT NULL,
  record TEXT NOT NULL, PRIMARY KEY (terminal, epoch, seq));
INSERT INTO events_v6 (terminal, epoch, seq, event_type, wall, boot_id, mono_ms, synced, received_at, record)
  SELECT terminal, 'legacy', seq, event_type, wall, boot_id, mono_ms, synced, received_at, record FROM events;
DROP TABLE events;
ALTER TABLE events_v6 RENAME TO events;
CREATE INDEX events_type_wall ON events (event_type, wall);

CREATE TABLE link_applied_v6 (terminal TEXT NOT NULL, epoch TEXT NOT NULL, seq BIGINT NOT NULL, applied_at TEXT NOT NULL,
  PRIMARY KEY (terminal, epoch, seq));
INSERT INTO link_applied_v6 (terminal, epoch, seq, applied_at) SELECT terminal, 'legacy', seq, applied_at FROM link_applied;
DROP TABLE link_applied;
ALTER TABLE link_applied_v6 RENAME TO link_applied;

CREATE TABLE link_notice_v6 (terminal TEXT NOT NULL, epoch TEXT NOT NULL, seq BIGINT NOT NULL, n INTEGER NOT NULL,
  noted_at TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (terminal, epoch, seq, n));
INSERT INTO link_notice_v6 (terminal, epoch, seq, n, noted_at, text) SELECT terminal, 'legacy', seq, n, noted_at, text FROM link_notice;
DROP TABLE link_notice;
ALTER TABLE link_notice_v6 RENAME TO link_notice;

-- An event that arrived under a key the hub already holds with different content: kept here, beside the
-- stored one, for an operator; the terminal was told "conflict" and keeps its copy aside too.
CREATE TABLE event_conflict (terminal TEXT NOT NULL, epoch TEXT NOT NULL, seq BIGINT NOT NULL, received_at TEXT NOT NULL,
  record TEXT NOT NULL);
CREATE INDEX event_conflict_key ON event_conflict (terminal, epoch, seq);
