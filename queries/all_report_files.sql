-- all_report_files.sql — the file of every report listed, current or superseded (for event_sightings_rebuild.sql).
-- Parameters: none
-- Columns: file (its name in the reports folder)
SELECT file FROM db.reports ORDER BY import_id, snapshot, town;
