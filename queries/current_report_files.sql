-- current_report_files.sql — which report files hold the current reports (one per 报表日期 and 街镇, not
-- superseded), for the view `units` (units_view.sql).
-- Parameters: none
-- Columns: file (its name in the reports folder)
SELECT file FROM db.reports WHERE superseded_by IS NULL ORDER BY snapshot, town;
