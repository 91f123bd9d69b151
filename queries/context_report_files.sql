-- context_report_files.sql — (issue 24) each town's current report files, where its areas (村居园区) are named: a
-- targets file naming an area of a town is checked against the areas these files hold (context_areas.sql), read
-- only then and only for the towns it names.
-- Parameters: none
-- Columns: town, file (full path)
SELECT town, (SELECT reports_dir FROM store_info) || '/' || file AS file
FROM current_reports
ORDER BY town, snapshot;
