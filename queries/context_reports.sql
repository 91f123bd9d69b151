-- context_reports.sql — the current units reports, which a new report may replace (with --replace) or
-- follow (its change against the town's previous report).
-- Parameters: none
-- Columns: snapshot, town, import_id, units, received_at
SELECT snapshot, town, import_id, units, received_at FROM current_reports;
