-- roster_files.sql — which report files make up the district at a date: each town's report in force
-- (reports_in_force, vocabulary.sql), preceded by the empty layout file, so the list is never empty.
-- Views read the district through these files (the roster macro), never through all reports.
-- Parameters: $as_of DATE|NULL (NULL: no date, the layout file only)
-- Columns: file (full path), town (NULL for the layout file)
SELECT (SELECT reports_dir FROM store_info) || '/layout.parquet' AS file, NULL AS town, 0 AS n
UNION ALL
SELECT (SELECT reports_dir FROM store_info) || '/' || r.file, r.town, row_number() OVER (ORDER BY r.town)
FROM current_reports r
JOIN reports_in_force($as_of) f ON f.town = r.town AND f.report_date = r.snapshot
ORDER BY n;
