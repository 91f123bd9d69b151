-- coverage_trend.sql — 趋势: how did coverage and progress develop over the report dates?
-- One row per report date on or before the as-of report date. At each date D the district is
-- each selected town's report in force at D (its latest on or before D), with D's own year:
-- 新建会单位数 from 1 January of that year, 新发展会员数 of the towns with a report on 31 December
-- of the year before, that year's targets summed over the selected towns, and 完成率 of the towns
-- that have the target (and a value) against the sum of their targets (METRICS.md, 目标).
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
-- Columns: 报表日期, 在营单位数, 已建会单位数, 建会率(%), 职工人数, 会员人数, 入会率(%),
--   农民工入会率(%), 新建会单位数, 新建会单位数目标, 新建会单位数完成率(%), 新发展会员数,
--   新发展会员数目标, 新发展会员数完成率(%), 序时进度(%), 沿用街镇数, 未报送街镇数, 环比报表日期,
--   同比报表日期, then 环比 and 同比 of 在营单位数, 已建会单位数, 建会率 (百分点), 会员人数, 入会率
--   (百分点), 农民工入会率 (百分点), 新建会单位数 and 新发展会员数
WITH sel AS (
    SELECT town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
reps AS (
    SELECT r.snapshot, r.town, r.import_id FROM current_reports r JOIN sel USING (town) WHERE r.snapshot <= $snapshot
),
dates AS (
    SELECT DISTINCT snapshot AS d FROM current_reports WHERE snapshot <= $snapshot
),
report_counts AS (
    -- each report's counts, made when it arrived (report_cells in schema.sql), over the industry asked
    SELECT r.snapshot, r.town,
        coalesce(sum(s.active), 0) AS active, coalesce(sum(s.unionised), 0) AS unionised,
        coalesce(sum(s.employees), 0) AS employees, coalesce(sum(s.members), 0) AS members,
        coalesce(sum(s.migrants), 0) AS migrants, coalesce(sum(s.migrant_members), 0) AS migrant_members
    FROM reps r
    LEFT JOIN report_cells s ON s.import_id = r.import_id AND s.snapshot = r.snapshot AND s.town = r.town
                            AND ($industry IS NULL OR s.industry = $industry)
    GROUP BY r.snapshot, r.town
),
formed AS (
    -- units with a union by the year it was formed (union dates are never after the report date, so a
    -- report in force at D counts its own year's up to D)
    SELECT r.snapshot, r.town, u.union_year AS y, sum(u.units) AS n
    FROM reps r JOIN report_formed u ON u.import_id = r.import_id AND u.snapshot = r.snapshot AND u.town = r.town
    WHERE $industry IS NULL OR u.industry = $industry
    GROUP BY ALL
),
in_force AS (
    SELECT d.d, r.town, max(r.snapshot) AS report_date FROM dates d JOIN reps r ON r.snapshot <= d.d GROUP BY ALL
),
base AS (
    SELECT d.d, r.town, max(r.snapshot) AS base_date FROM dates d JOIN reps r ON r.snapshot <= baseline_day(year(d.d))
    GROUP BY ALL
),
tgt AS (
    SELECT year, town,
        max(target) FILTER (WHERE indicator = '新建会单位数') AS t_new_unions,
        max(target) FILTER (WHERE indicator = '新发展会员数') AS t_new_members
    FROM town_targets JOIN sel USING (town)
    WHERE $industry IS NULL
    GROUP BY year, town
),
per_town AS (
    -- every selected town at every date (issue 23): a town with no report yet at D counts as zero
    -- against its target (METRICS.md, 未报送), as in the towns view; its 新发展会员数 stays empty
    SELECT d.d, sel.town, f.report_date,
        coalesce(s.active, 0) AS active, coalesce(s.unionised, 0) AS unionised,
        coalesce(s.employees, 0) AS employees, coalesce(s.members, 0) AS members,
        coalesce(s.migrants, 0) AS migrants, coalesce(s.migrant_members, 0) AS migrant_members,
        coalesce(x.n, 0) AS new_unions,
        CASE WHEN b.base_date IS NOT NULL THEN s.members - bs.members END AS new_members,
        t.t_new_unions, t.t_new_members
    FROM dates d CROSS JOIN sel
    LEFT JOIN in_force f ON f.d = d.d AND f.town = sel.town
    LEFT JOIN report_counts s ON s.snapshot = f.report_date AND s.town = f.town
    LEFT JOIN formed x ON x.snapshot = f.report_date AND x.town = f.town AND x.y = year(d.d)
    LEFT JOIN base b ON b.d = d.d AND b.town = sel.town
    LEFT JOIN report_counts bs ON bs.snapshot = b.base_date AND bs.town = b.town
    LEFT JOIN tgt t ON t.year = year(d.d) AND t.town = sel.town
),
by_date AS (
    SELECT d.d,
        coalesce(sum(active), 0) AS active, coalesce(sum(unionised), 0) AS unionised,
        coalesce(sum(employees), 0) AS employees, coalesce(sum(members), 0) AS members,
        coalesce(sum(migrants), 0) AS migrants, coalesce(sum(migrant_members), 0) AS migrant_members,
        coalesce(sum(new_unions), 0) AS new_unions, sum(new_members) AS new_members,
        sum(t_new_unions) AS t_new_unions, sum(t_new_members) AS t_new_members,
        pct(sum(new_unions) FILTER (WHERE t_new_unions IS NOT NULL), sum(t_new_unions)) AS done_new_unions,
        pct(sum(new_members) FILTER (WHERE t_new_members IS NOT NULL AND new_members IS NOT NULL),
            sum(t_new_members) FILTER (WHERE new_members IS NOT NULL)) AS done_new_members,
        count(p.report_date) FILTER (WHERE p.report_date < d.d) AS carried,
        (SELECT count(*) FROM sel) - count(p.report_date) AS missing
    FROM dates d LEFT JOIN per_town p USING (d)
    GROUP BY d.d
),
indicators AS (
    SELECT d, (d - INTERVAL 1 YEAR)::DATE AS year_ago, active, unionised, pct(unionised, active) AS coverage,
        employees, members, pct(members, employees) AS membership, pct(migrant_members, migrants) AS migrant_membership,
        new_unions, t_new_unions, done_new_unions, new_members, t_new_members, done_new_members, carried, missing
    FROM by_date
),
compared AS (
    -- 环比: against the previous report date; 同比: against the latest report date on or before the
    -- same day a year earlier (METRICS.md). Counts as differences, rates in percentage points.
    SELECT c.*, lag(c.d) OVER (ORDER BY c.d) AS prev_d, y.d AS y_d,
        c.active - lag(c.active) OVER w AS active_mom, c.active - y.active AS active_yoy,
        c.unionised - lag(c.unionised) OVER w AS unionised_mom, c.unionised - y.unionised AS unionised_yoy,
        c.coverage - lag(c.coverage) OVER w AS coverage_mom, c.coverage - y.coverage AS coverage_yoy,
        c.members - lag(c.members) OVER w AS members_mom, c.members - y.members AS members_yoy,
        c.membership - lag(c.membership) OVER w AS membership_mom, c.membership - y.membership AS membership_yoy,
        c.migrant_membership - lag(c.migrant_membership) OVER w AS migrant_mom,
        c.migrant_membership - y.migrant_membership AS migrant_yoy,
        -- year-to-date counts start again on 1 January: at the first report of a year, 环比 is the value
        -- itself (METRICS.md, issue 23), never the difference with December's full-year figure
        CASE WHEN year(lag(c.d) OVER w) = year(c.d) THEN c.new_unions - lag(c.new_unions) OVER w
             WHEN lag(c.d) OVER w IS NOT NULL THEN c.new_unions END AS new_unions_mom,
        c.new_unions - y.new_unions AS new_unions_yoy,
        CASE WHEN year(lag(c.d) OVER w) = year(c.d) THEN c.new_members - lag(c.new_members) OVER w
             WHEN lag(c.d) OVER w IS NOT NULL THEN c.new_members END AS new_members_mom,
        c.new_members - y.new_members AS new_members_yoy
    FROM indicators c
    ASOF LEFT JOIN indicators y ON c.year_ago >= y.d
    WINDOW w AS (ORDER BY c.d)
)
SELECT d AS "报表日期", active::BIGINT AS "在营单位数", unionised::BIGINT AS "已建会单位数",
       round(coverage, 2) AS "建会率(%)",
       employees::BIGINT AS "职工人数", members::BIGINT AS "会员人数",
       round(membership, 2) AS "入会率(%)",
       round(migrant_membership, 2) AS "农民工入会率(%)",
       new_unions::BIGINT AS "新建会单位数", t_new_unions AS "新建会单位数目标",
       round(done_new_unions, 2) AS "新建会单位数完成率(%)",
       new_members::BIGINT AS "新发展会员数", t_new_members AS "新发展会员数目标",
       round(done_new_members, 2) AS "新发展会员数完成率(%)",
       round(schedule_pct(d), 2) AS "序时进度(%)",
       carried::BIGINT AS "沿用街镇数", missing::BIGINT AS "未报送街镇数",
       prev_d AS "环比报表日期", y_d AS "同比报表日期",
       active_mom::BIGINT AS "在营单位数环比", active_yoy::BIGINT AS "在营单位数同比",
       unionised_mom::BIGINT AS "已建会单位数环比", unionised_yoy::BIGINT AS "已建会单位数同比",
       round(coverage_mom, 2) AS "建会率环比(百分点)", round(coverage_yoy, 2) AS "建会率同比(百分点)",
       members_mom::BIGINT AS "会员人数环比", members_yoy::BIGINT AS "会员人数同比",
       round(membership_mom, 2) AS "入会率环比(百分点)", round(membership_yoy, 2) AS "入会率同比(百分点)",
       round(migrant_mom, 2) AS "农民工入会率环比(百分点)", round(migrant_yoy, 2) AS "农民工入会率同比(百分点)",
       new_unions_mom::BIGINT AS "新建会单位数环比", new_unions_yoy::BIGINT AS "新建会单位数同比",
       new_members_mom::BIGINT AS "新发展会员数环比", new_members_yoy::BIGINT AS "新发展会员数同比"
FROM compared
ORDER BY d DESC;  -- newest first: the month just reported at the top (issue 22)
