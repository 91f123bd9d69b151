-- legacy_units_drop.sql — once every report of a first-release database is in its file: its units table goes.
-- Parameters: none
DROP TABLE db.units;
DROP TABLE temp.legacy_units;
