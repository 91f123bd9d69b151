-- report_cells_present.sql — does the attached database count its reports in report_cells? One written
-- before they existed (counts by industry only, in report_stats) gets them at its next write
-- (report_stats_upgrade.sql); until then a reading connection counts the reports on the fly
-- (report_cells_fallback.sql).
-- Parameters: none
-- Columns: report_cells (1 or 0), report_stats (1: the older counts are there)
SELECT count(*) FILTER (WHERE table_name = 'report_cells'), count(*) FILTER (WHERE table_name = 'report_stats')
FROM duckdb_tables() WHERE database_name = 'db';
