-- One verification code per printed copy (issue #15 items 3 and 4): every copy's code is recorded when the hub
-- grants, with its grant (the first copy's code, by which the kiosk reports the transaction) and its number,
-- so a copy that did not come out is void while those that did stay valid. Rows from before have neither:
-- one code for all the copies of its grant.
ALTER TABLE issued ADD COLUMN grant_code TEXT;
ALTER TABLE issued ADD COLUMN copy_number INTEGER;
