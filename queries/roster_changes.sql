-- roster_changes.sql — 名册核对: which units' reports changed in a way no event explains?
-- Every finding of roster_findings (vocabulary.sql; METRICS.md, "Roster check between reports") at
-- the as-of report date, one row per finding and unit, with both reports' values side by side and
-- the events seen between the reports. Town order, then finding, then unit.
-- $viewer_towns (issue 28): the towns of the 街镇 account asking (NULL: a district account). Of a unit
-- whose other report is another town's, such an account sees that it is there — its code, name, the
-- towns and dates, the 街镇变更 — never that town's values (经营状态, 建会情况, 职工人数, 会员人数, events),
-- and no finding drawn from them (工会断线, 会员锐减), so the upload preview is no oracle into other towns.
-- Parameters: $snapshot DATE, $roster_files, $before_files VARCHAR[] (the reports in force at it and the
--   day before), $towns VARCHAR[]|NULL, $viewer_towns VARCHAR[]|NULL
-- Columns: 街镇, 核对项, 统一社会信用代码, 单位名称, 说明状态, 说明, 上期报表日期, 上期街镇, 上期经营状态, 上期建会情况,
--   上期职工人数, 上期会员人数, 本期报表日期, 本期街镇, 本期经营状态, 本期建会情况, 本期职工人数,
--   本期会员人数, 会员变化, 期间动态, 报表编号 (issue 25: the town's explanation beside the unit — 已说明 with one,
--   待说明 without — and the report the finding belongs to; checked_reports, vocabulary.sql)
WITH seen AS (
    SELECT f.*,
        $viewer_towns::VARCHAR[] IS NOT NULL AND f.b_town IS NOT NULL
            AND NOT list_contains($viewer_towns::VARCHAR[], f.b_town) AS b_hidden,
        $viewer_towns::VARCHAR[] IS NOT NULL AND f.n_town IS NOT NULL
            AND NOT list_contains($viewer_towns::VARCHAR[], f.n_town) AS n_hidden
    FROM roster_findings($snapshot, $roster_files, $before_files) f
)
SELECT f.town AS "街镇", f.finding AS "核对项", f.credit_code AS "统一社会信用代码", f.name AS "单位名称",
       CASE WHEN e.text IS NULL THEN '待说明' ELSE '已说明' END AS "说明状态", e.text AS "说明",  -- issue 25
       f.b_date AS "上期报表日期", f.b_town AS "上期街镇",
       CASE WHEN NOT f.b_hidden THEN f.b_status END AS "上期经营状态",
       CASE WHEN NOT f.b_hidden THEN f.b_form END AS "上期建会情况",
       CASE WHEN NOT f.b_hidden THEN f.b_employees::BIGINT END AS "上期职工人数",
       CASE WHEN NOT f.b_hidden THEN f.b_members::BIGINT END AS "上期会员人数",
       f.n_date AS "本期报表日期", f.n_town AS "本期街镇",
       CASE WHEN NOT f.n_hidden THEN f.n_status END AS "本期经营状态",
       CASE WHEN NOT f.n_hidden THEN f.n_form END AS "本期建会情况",
       CASE WHEN NOT f.n_hidden THEN f.n_employees::BIGINT END AS "本期职工人数",
       CASE WHEN NOT f.n_hidden THEN f.n_members::BIGINT END AS "本期会员人数",
       CASE WHEN NOT (f.b_hidden OR f.n_hidden) THEN (f.n_members - f.b_members)::BIGINT END AS "会员变化",
       CASE WHEN f.b_hidden OR f.n_hidden THEN '—' ELSE coalesce(f.events, '无') END AS "期间动态",
       cr.report_id AS "报表编号"
FROM seen f
JOIN towns t ON t.town = f.town
LEFT JOIN checked_reports($snapshot, $roster_files) cr ON cr.town = f.town
LEFT JOIN explanations e ON e.report_id = cr.report_id AND e.credit_code = f.credit_code AND e.finding = f.finding
WHERE ($towns IS NULL OR list_contains($towns, f.town))
  AND NOT ((f.b_hidden OR f.n_hidden) AND f.finding_ord IN (3, 4))
ORDER BY t.ord, f.finding_ord, f.credit_code;
