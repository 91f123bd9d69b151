-- report_stats_upgrade.sql — the reports of a database written before report_cells existed, to be counted
-- from their files into report_cells and report_formed (store.transaction); then the older tables go.
-- Parameters: none
-- Columns: import_id, snapshot, town, file
SELECT import_id, snapshot, town, file FROM db.reports ORDER BY import_id, snapshot, town;
