-- event_sightings_rebuild.sql — event_sightings made again from every report's file (current or not: a
-- rollback may bring an older report back), after the events changed (store.transaction).
-- Parameters: none
-- Placeholders (unionboard.sql.fill; files the code named in the reports folder, never a user value):
--   {{files}}  the layout file, then the file of every report listed in `reports`
DELETE FROM event_sightings;
INSERT INTO event_sightings
SELECT r.import_id, r.snapshot, r.town, u.credit_code
FROM read_parquet({{files}}, filename = true) u
JOIN reports r ON u.filename = (SELECT reports_dir FROM store_info) || '/' || r.file
WHERE u.credit_code IN (SELECT credit_code FROM events);
