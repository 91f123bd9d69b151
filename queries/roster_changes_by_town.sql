-- roster_changes_by_town.sql — 名册核对 by town: how many findings of each kind does each town's
-- report at the as-of date bring (roster_findings, vocabulary.sql), with a 合计 row? A town that was
-- not checked says why instead of showing zeros: its first report, carried forward, or none.
-- Parameters: $snapshot DATE, $roster_files, $before_files VARCHAR[] (the reports in force at it and the
--   day before), $towns VARCHAR[]|NULL, $viewer_towns VARCHAR[]|NULL (issue 28: see roster_changes.sql)
-- Columns: 街镇, 核对情况, 本期报表日期, 上期报表日期, 单位消失未报动态, 新增单位未报动态, 工会断线,
--   会员锐减, 街镇变更未报, 合计, 待说明, 已说明, is_total (issue 25: the findings without and with the town's
--   explanation, checked_reports in vocabulary.sql)
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
state AS (
    SELECT s.ord, s.town, f.report_date,
        (SELECT max(snapshot) FROM current_reports p WHERE p.town = s.town AND p.snapshot < $snapshot) AS prev_date
    FROM sel s LEFT JOIN reports_in_force($snapshot) f USING (town)
),
counts AS (
    -- $viewer_towns (a 街镇 account, issue 28): findings drawn from another town's values (工会断线,
    -- 会员锐减 of a unit whose other report is that town's) are not counted, as roster_changes.sql hides them
    SELECT town,
        count(*) FILTER (WHERE finding_ord = 1) AS vanished, count(*) FILTER (WHERE finding_ord = 2) AS appeared,
        count(*) FILTER (WHERE finding_ord = 3) AS union_lost, count(*) FILTER (WHERE finding_ord = 4) AS members_fell,
        count(*) FILTER (WHERE finding_ord = 5) AS moved, count(*) AS findings,
        count(*) FILTER (WHERE e.text IS NULL) AS unexplained, count(e.text) AS explained
    FROM roster_findings($snapshot, $roster_files, $before_files) f
    LEFT JOIN checked_reports($snapshot, $roster_files) cr USING (town)
    LEFT JOIN explanations e ON e.report_id = cr.report_id AND e.credit_code = f.credit_code AND e.finding = f.finding
    WHERE NOT ($viewer_towns::VARCHAR[] IS NOT NULL AND f.finding_ord IN (3, 4)
               AND (f.b_town IS NOT NULL AND NOT list_contains($viewer_towns::VARCHAR[], f.b_town)
                    OR f.n_town IS NOT NULL AND NOT list_contains($viewer_towns::VARCHAR[], f.n_town)))
    GROUP BY town
),
rows AS (
    SELECT st.ord, st.town,
        CASE WHEN st.report_date IS NULL THEN '未报送'
             WHEN st.report_date < $snapshot THEN '沿用 ' || strftime(st.report_date, '%Y-%m-%d') || ' 报送数据，本期无新报表'
             WHEN st.prev_date IS NULL THEN '首次报送，无上期报表可比'
             ELSE '已核对' END AS state,
        CASE WHEN st.report_date = $snapshot THEN st.report_date END AS report_date,
        CASE WHEN st.report_date = $snapshot THEN st.prev_date END AS prev_date,
        st.report_date = $snapshot AND st.prev_date IS NOT NULL AS checked,
        c.vanished, c.appeared, c.union_lost, c.members_fell, c.moved, c.findings, c.unexplained, c.explained
    FROM state st LEFT JOIN counts c USING (town)
),
shown AS (
    SELECT ord, town, state, report_date, prev_date,
        CASE WHEN checked THEN coalesce(vanished, 0) END AS vanished,
        CASE WHEN checked THEN coalesce(appeared, 0) END AS appeared,
        CASE WHEN checked THEN coalesce(union_lost, 0) END AS union_lost,
        CASE WHEN checked THEN coalesce(members_fell, 0) END AS members_fell,
        CASE WHEN checked THEN coalesce(moved, 0) END AS moved,
        CASE WHEN checked THEN coalesce(findings, 0) END AS findings,
        CASE WHEN checked THEN coalesce(unexplained, 0) END AS unexplained,
        CASE WHEN checked THEN coalesce(explained, 0) END AS explained
    FROM rows
),
with_total AS (
    -- one row per town, then 合计 (vocabulary.sql, "合计"): its 核对情况 counts the towns checked
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, GROUPING(town) = 1 AS is_total, report_date, prev_date,
        CASE WHEN GROUPING(town) = 1 THEN count(findings) || ' 个街镇已核对' ELSE state END AS state,
        sum(vanished) AS vanished, sum(appeared) AS appeared, sum(union_lost) AS union_lost,
        sum(members_fell) AS members_fell, sum(moved) AS moved, sum(findings) AS findings,
        sum(unexplained) AS unexplained, sum(explained) AS explained
    FROM shown
    GROUP BY GROUPING SETS ((ord, town, state, report_date, prev_date), ())
)
SELECT town AS "街镇", state AS "核对情况", report_date AS "本期报表日期", prev_date AS "上期报表日期",
       vanished::BIGINT AS "单位消失未报动态", appeared::BIGINT AS "新增单位未报动态", union_lost::BIGINT AS "工会断线",
       members_fell::BIGINT AS "会员锐减", moved::BIGINT AS "街镇变更未报", findings::BIGINT AS "合计",
       unexplained::BIGINT AS "待说明", explained::BIGINT AS "已说明", is_total
FROM with_total
ORDER BY is_total, ord;
