-- legacy_units.sql — the units of a first-release database (its table `units`) in the columns and types of
-- a report file (units_layout), as a temporary table the report files are written from (unionboard.store).
-- Parameters: none
CREATE OR REPLACE TEMP TABLE legacy_units AS SELECT * FROM db.units_layout;
INSERT INTO temp.legacy_units BY NAME SELECT * FROM db.units;
