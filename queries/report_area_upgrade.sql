-- report_area_upgrade.sql — (issue 24) the reports of a database written before report_area_cells existed, to be
-- counted from their files (store.transaction).
-- Parameters: none
-- Columns: import_id, snapshot, town, file
SELECT import_id, snapshot, town, file FROM db.reports ORDER BY import_id, snapshot, town;
