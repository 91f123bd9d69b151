-- event_sightings_insert.sql — the rows of new reports whose unit has events (see event_sightings in
-- schema.sql). All reports of an import in one statement.
-- Parameters (lists of the same length, one entry per report): $ids INTEGER[] (the import),
--   $snapshots DATE[], $towns VARCHAR[], $files VARCHAR[] (the report files, as read_parquet names them)
INSERT INTO event_sightings
SELECT r.id, r.s, r.t, u.credit_code
FROM read_parquet($files, filename = true) AS u
JOIN (SELECT unnest($ids) AS id, unnest($snapshots) AS s, unnest($towns) AS t, unnest($files) AS file) AS r
    ON u.filename = r.file
WHERE u.credit_code IN (SELECT credit_code FROM events);
