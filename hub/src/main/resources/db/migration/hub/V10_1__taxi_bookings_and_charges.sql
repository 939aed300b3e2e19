-- The demand taxi: residents' booking logins, bookings, the seats they hold, and the rides charged.
-- Times are epoch milliseconds (BIGINT): they are compared, and ISO text compares wrongly across precisions.

-- A resident's booking password, set at the counter when the card is linked: only its bcrypt hash.
CREATE TABLE taxi_rider_login (member TEXT PRIMARY KEY, password_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until_ms BIGINT, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL);

-- status: booked, cancelled, boarded, no-show. channel: web (the resident) or phone (an operator for them).
CREATE TABLE taxi_booking (id TEXT PRIMARY KEY, member TEXT NOT NULL, vehicle TEXT NOT NULL, slot_ms BIGINT NOT NULL,
  window_start_ms BIGINT NOT NULL, window_end_ms BIGINT NOT NULL, stop_id TEXT, address TEXT, passengers INTEGER NOT NULL,
  wheelchair INTEGER NOT NULL, channel TEXT NOT NULL, booked_by TEXT NOT NULL, status TEXT NOT NULL, created_ms BIGINT NOT NULL,
  changed_ms BIGINT NOT NULL, boarded_ms BIGINT, late INTEGER);
CREATE INDEX taxi_booking_vehicle ON taxi_booking (vehicle, status, window_start_ms);
CREATE INDEX taxi_booking_member ON taxi_booking (member, status, window_start_ms);
CREATE INDEX taxi_booking_created ON taxi_booking (created_ms);
-- One live booking per rider per slot: a double click or two operators for one caller make one booking.
CREATE UNIQUE INDEX taxi_booking_one_per_slot ON taxi_booking (member, slot_ms) WHERE status = 'booked';

-- The seats of a vehicle in a slot. The primary key is the rule "no seat sold twice": two bookings
-- racing for the last seat both try to insert it, and the database lets one commit.
CREATE TABLE taxi_seat (vehicle TEXT NOT NULL, slot_ms BIGINT NOT NULL, seat INTEGER NOT NULL, booking_id TEXT NOT NULL,
  PRIMARY KEY (vehicle, slot_ms, seat));
CREATE INDEX taxi_seat_booking ON taxi_seat (booking_id);

-- What a rider is charged, append-only: a ride (kind ride, from the vehicle's boarding event, keyed by
-- it so a resent event is charged once) and a staff refund (kind refund, negative, refers_to the ride).
CREATE TABLE taxi_charge (id TEXT PRIMARY KEY, member TEXT NOT NULL, kind TEXT NOT NULL, fare_class TEXT NOT NULL,
  amount_yen INTEGER NOT NULL, at_ms BIGINT NOT NULL, month TEXT NOT NULL, vehicle TEXT NOT NULL, booking_id TEXT,
  refers_to TEXT, recorded_by TEXT NOT NULL, recorded_ms BIGINT NOT NULL);
CREATE INDEX taxi_charge_month ON taxi_charge (month, member);
CREATE UNIQUE INDEX taxi_charge_one_refund ON taxi_charge (refers_to);
