-- Console §5: who handled an item of the staff work queues, when, with what note (never a name or an
-- address). The items themselves stay where they are (link_notice, events, event_conflict, terminals'
-- heartbeats); a kiosk's queued request keeps its own outcome (queued_request_outcome).
CREATE TABLE work_item_handled (kind TEXT NOT NULL, item_key TEXT NOT NULL, handled_by TEXT NOT NULL, handled_at TEXT NOT NULL,
  note TEXT NOT NULL, PRIMARY KEY (kind, item_key));
