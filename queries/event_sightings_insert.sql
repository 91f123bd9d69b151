-- event_sightings_insert.sql — the rows of one new report whose unit has events (see event_sightings in
-- schema.sql).
-- Parameters: $id INTEGER (the import), $s DATE, $t VARCHAR, $file VARCHAR (the report file)
INSERT INTO event_sightings
SELECT $id, $s, $t, credit_code FROM read_parquet($file)
WHERE credit_code IN (SELECT credit_code FROM events);
