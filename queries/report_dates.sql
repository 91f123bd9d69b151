-- report_dates.sql — which report dates can the dashboard be set to (its as-of picker), newest first?
-- Parameters: none
-- Columns: snapshot
SELECT DISTINCT snapshot FROM current_reports ORDER BY snapshot DESC;
