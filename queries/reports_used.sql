-- reports_used.sql — what the district consists of at a report date: for every town (dictionary
-- order), its report in force (METRICS.md: its latest report on or before the date; NULL: 未报送)
-- and its report in force on the baseline day (NULL: no 新发展会员数 for that town).
-- Parameters: $snapshot DATE, $baseline DATE|NULL
-- Columns: town, report_date, base_date
SELECT t.town, f.report_date, b.report_date AS base_date
FROM towns t
LEFT JOIN reports_in_force($snapshot) f USING (town)
LEFT JOIN reports_in_force($baseline) b USING (town)
ORDER BY t.ord;
