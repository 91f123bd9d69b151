-- snapshot_list.sql — which report dates exist and what does each hold? Per report date: the
-- towns that sent a report for it, their units, and the district at that date (each town's
-- report in force, METRICS.md) with how many towns are carried forward or missing.
-- Parameters: none
-- Columns: 报表日期, 报送街镇数, 报送单位数, 报送街镇, 在营单位数, 已建会单位数, 职工人数, 会员人数,
--   沿用街镇数, 未报送街镇数
WITH dates AS (
    SELECT snapshot, count(*) AS towns, sum(units)::BIGINT AS units,
           string_agg(r.town, '、' ORDER BY t.ord) AS town_list
    FROM current_reports r JOIN towns t USING (town)
    GROUP BY snapshot
),
in_force AS (
    SELECT d.snapshot, r.town, max(r.snapshot) AS report_date
    FROM dates d JOIN current_reports r ON r.snapshot <= d.snapshot
    GROUP BY ALL
),
stats AS (
    -- each report's counts, made when it arrived (report_cells in schema.sql)
    SELECT r.snapshot, r.town, sum(s.active) AS active, sum(s.unionised) AS unionised,
           sum(s.employees) AS employees, sum(s.members) AS members
    FROM current_reports r JOIN report_cells s USING (import_id, snapshot, town)
    GROUP BY ALL
),
district AS (
    SELECT f.snapshot, sum(s.active) AS active, sum(s.unionised) AS unionised, sum(s.employees) AS employees,
           sum(s.members) AS members, count(*) FILTER (WHERE f.report_date < f.snapshot) AS carried,
           (SELECT count(*) FROM towns) - count(*) AS missing
    FROM in_force f LEFT JOIN stats s ON s.snapshot = f.report_date AND s.town = f.town
    GROUP BY f.snapshot
)
SELECT d.snapshot AS "报表日期", d.towns::BIGINT AS "报送街镇数", d.units AS "报送单位数", d.town_list AS "报送街镇",
       coalesce(x.active, 0)::BIGINT AS "在营单位数", coalesce(x.unionised, 0)::BIGINT AS "已建会单位数",
       coalesce(x.employees, 0)::BIGINT AS "职工人数", coalesce(x.members, 0)::BIGINT AS "会员人数",
       x.carried::BIGINT AS "沿用街镇数", x.missing::BIGINT AS "未报送街镇数"
FROM dates d JOIN district x USING (snapshot)
ORDER BY d.snapshot DESC;  -- newest first (issue 22)
