-- Link events are applied in the order the counters made them (issue #13 item 7): per service, the
-- newest link event applied so far in that order. A pending event after it applies on top of the
-- registry; one before it makes the hub replay the service's link events in order.
CREATE TABLE link_order_mark (service TEXT PRIMARY KEY, wall TEXT NOT NULL, terminal TEXT NOT NULL, seq BIGINT NOT NULL);
