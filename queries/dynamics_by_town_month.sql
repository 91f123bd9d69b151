-- dynamics_by_town_month.sql — 企业动态: openings, stoppages, closures and moves, year to date,
-- by month and town, with what happened to the unions of units that closed or left
-- (撤销 vs 转移接续) and 会员转接率 = 转接会员数 / 涉及会员数 × 100 over 关闭 and 迁出.
-- Each event is placed in its town by placed_events (vocabulary.sql: the one rule for where an
-- event belongs; a 迁出 to a town of the district is also that town's 迁入). Moves to/from 区外
-- count for the district town only.
-- Parameters: $roster_files VARCHAR[] (the reports in force, views.resolve),
--   $snapshot DATE (events from 1 January of $year up to it), $year INTEGER,
--   $towns VARCHAR[]|NULL
-- Columns: 月份, 街镇, 新开业, 停产, 关闭, 迁入, 迁出, 撤销工会, 转移接续, 涉及会员数, 转接会员数,
--   会员转接率(%), is_total
WITH ev AS (
    SELECT *, strftime(date, '%Y-%m') AS month, is_leaving(event) AS leaving
    FROM placed_events($snapshot, $roster_files)
    WHERE date BETWEEN make_date($year, 1, 1) AND $snapshot
),
sel AS (
    SELECT ev.*, t.ord FROM ev LEFT JOIN towns t USING (town)  -- no ord: a town not in the dictionary (未识别)
    WHERE ev.town <> '区外' AND ($towns IS NULL OR list_contains($towns, ev.town))
),
with_total AS (
    -- one row per month and town, then 合计 (vocabulary.sql, "合计")
    SELECT total_label(month, GROUPING(month) = 1) AS month, ord, town, GROUPING(month) = 1 AS is_total,
        count(*) FILTER (WHERE event = '新开业') AS opened,
        count(*) FILTER (WHERE event = '停产')   AS stopped,
        count(*) FILTER (WHERE event = '关闭')   AS closed,
        count(*) FILTER (WHERE event = '迁入')   AS moved_in,
        count(*) FILTER (WHERE event = '迁出')   AS moved_out,
        count(*) FILTER (WHERE leaving AND union_action = '撤销')   AS dissolved,
        count(*) FILTER (WHERE leaving AND union_action = '转移接续') AS transferred,
        coalesce(sum(members_affected) FILTER (WHERE leaving), 0)::BIGINT    AS affected,
        coalesce(sum(members_transferred) FILTER (WHERE leaving), 0)::BIGINT AS moved_members
    FROM sel
    GROUP BY GROUPING SETS ((month, ord, town), ())
)
SELECT month AS "月份", town AS "街镇",
       coalesce(opened, 0)::BIGINT AS "新开业", coalesce(stopped, 0)::BIGINT AS "停产",
       coalesce(closed, 0)::BIGINT AS "关闭", coalesce(moved_in, 0)::BIGINT AS "迁入",
       coalesce(moved_out, 0)::BIGINT AS "迁出", coalesce(dissolved, 0)::BIGINT AS "撤销工会",
       coalesce(transferred, 0)::BIGINT AS "转移接续", coalesce(affected, 0)::BIGINT AS "涉及会员数",
       coalesce(moved_members, 0)::BIGINT AS "转接会员数",
       round(pct(moved_members, affected), 2) AS "会员转接率(%)",
       is_total
FROM with_total
ORDER BY is_total, month, ord NULLS LAST;
