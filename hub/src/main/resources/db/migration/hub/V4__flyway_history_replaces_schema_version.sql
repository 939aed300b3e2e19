-- Versions 1-3 were applied by the hub's own migrations, recorded in schema_version; a database made
-- by them is baselined at its version there (Database.open) and Flyway's history carries on. The old
-- table is dropped so one history remains. A fresh database never had it.
DROP TABLE IF EXISTS schema_version;
