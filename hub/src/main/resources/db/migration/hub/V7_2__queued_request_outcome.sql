-- What staff did with a request a resident left at a kiosk while the hub was down (issue #15 item 6):
-- fulfilled (handed over at the counter or posted) or void (not fulfillable, withdrawn), by whom, when.
-- The request itself stays the IssueRequestQueued event; this row is only its outcome, decided once.
CREATE TABLE queued_request_outcome (request_id TEXT PRIMARY KEY, state TEXT NOT NULL, staff TEXT NOT NULL, note TEXT NOT NULL,
  decided_at TEXT NOT NULL);
