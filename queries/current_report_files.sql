-- current_report_files.sql — which report files hold the current reports (one per 报表日期 and 街镇, not
-- superseded, accepted: issue 25, METRICS.md "Review"), for the view `units` (units_view.sql).
-- Parameters: none
-- Columns: file (its name in the reports folder)
SELECT file FROM memory.main.received_reports WHERE superseded_by IS NULL AND review = '已通过' ORDER BY snapshot, town;
