-- legacy_report_pairs.sql — the reports a first-release database holds: one per (报表日期, 街镇), with its units.
-- Parameters: none
-- Columns: snapshot, town, units
SELECT snapshot, town, count(*) FROM temp.legacy_units GROUP BY ALL ORDER BY snapshot, town;
