-- roster_changes.sql — 名册核对: which units' reports changed in a way no event explains?
-- Every finding of roster_findings (vocabulary.sql; METRICS.md, "Roster check between reports") at
-- the as-of report date, one row per finding and unit, with both reports' values side by side and
-- the events seen between the reports. Town order, then finding, then unit.
-- Parameters: $snapshot DATE, $roster_files, $before_files VARCHAR[] (the reports in force at it and the
--   day before), $towns VARCHAR[]|NULL
-- Columns: 街镇, 核对项, 统一社会信用代码, 单位名称, 说明状态, 说明, 上期报表日期, 上期街镇, 上期经营状态, 上期建会情况,
--   上期职工人数, 上期会员人数, 本期报表日期, 本期街镇, 本期经营状态, 本期建会情况, 本期职工人数,
--   本期会员人数, 会员变化, 期间动态, 报表编号 (issue 25: the town's explanation beside the unit — 已说明 with one,
--   待说明 without — and the report the finding belongs to; checked_reports, vocabulary.sql)
SELECT f.town AS "街镇", f.finding AS "核对项", f.credit_code AS "统一社会信用代码", f.name AS "单位名称",
       CASE WHEN e.text IS NULL THEN '待说明' ELSE '已说明' END AS "说明状态", e.text AS "说明",  -- issue 25
       f.b_date AS "上期报表日期", f.b_town AS "上期街镇", f.b_status AS "上期经营状态", f.b_form AS "上期建会情况",
       f.b_employees::BIGINT AS "上期职工人数", f.b_members::BIGINT AS "上期会员人数",
       f.n_date AS "本期报表日期", f.n_town AS "本期街镇", f.n_status AS "本期经营状态", f.n_form AS "本期建会情况",
       f.n_employees::BIGINT AS "本期职工人数", f.n_members::BIGINT AS "本期会员人数",
       (f.n_members - f.b_members)::BIGINT AS "会员变化",
       coalesce(f.events, '无') AS "期间动态",
       cr.report_id AS "报表编号"
FROM roster_findings($snapshot, $roster_files, $before_files) f
JOIN towns t ON t.town = f.town
LEFT JOIN checked_reports($snapshot, $roster_files) cr ON cr.town = f.town
LEFT JOIN explanations e ON e.report_id = cr.report_id AND e.credit_code = f.credit_code AND e.finding = f.finding
WHERE $towns IS NULL OR list_contains($towns, f.town)
ORDER BY t.ord, f.finding_ord, f.credit_code;
