-- area_progress.sql — (issue 24) 村居园区进度: a town's villages, communities and parks against the targets the town
-- signed with them (METRICS.md, "One level down"; CLI.md, `area-progress --town T`). One row per area of the town in
-- name order (those its report in force names, and those with a target), then 未填村居园区 (its units without an
-- area; no target), then 合计: the whole town against the sum of its area targets, beside the targets the district
-- gave the town (区下达…目标) and the difference (the areas' sum minus the district's). Every indicator is counted
-- as in town_progress.sql (area_rows, vocabulary_areas.sql), so the 合计's stock columns, 新建会单位数 and
-- 新发展会员数 are the town's row of the towns view.
-- Parameters:
--   $snapshot DATE, $baseline DATE|NULL, $year INTEGER, $industry VARCHAR|NULL   as for town_progress.sql
--   $towns VARCHAR[]  exactly one town (unionboard.views refuses any other number)
-- Columns: 街镇, 村居园区, the towns view's columns from 在营单位数 to 进度状态, 双过半, 区下达新建会单位数目标,
--   新建会单位数目标差额, 区下达新发展会员数目标, 新发展会员数目标差额, is_total
WITH r AS (
    SELECT * FROM area_rows($snapshot, $baseline, $year, $towns, $industry)
),
given AS (
    -- the targets the district gave the town (town_targets, target_views.sql)
    SELECT town,
        max(target) FILTER (WHERE indicator = '新建会单位数') AS d_new_unions,
        max(target) FILTER (WHERE indicator = '新发展会员数') AS d_new_members
    FROM town_targets WHERE year = $year AND $industry IS NULL
    GROUP BY town
)
SELECT
    r.town                                                    AS "街镇",
    CASE WHEN r.whole THEN '合计' WHEN r.area = '' THEN '未填村居园区' ELSE r.area END AS "村居园区",
    active::BIGINT                                            AS "在营单位数",
    unionised::BIGINT                                         AS "已建会单位数",
    round(pct(unionised, active), 2)                          AS "建会率(%)",
    employees::BIGINT                                         AS "职工人数",
    members::BIGINT                                           AS "会员人数",
    round(pct(members, employees), 2)                         AS "入会率(%)",
    migrants::BIGINT                                          AS "农民工人数",
    migrant_members::BIGINT                                   AS "农民工会员数",
    round(pct(migrant_members, migrants), 2)                  AS "农民工入会率(%)",
    new_unions::BIGINT                                        AS "新建会单位数",
    t_new_unions                                              AS "新建会单位数目标",
    round(done_new_unions, 2)                                 AS "新建会单位数完成率(%)",
    new_members::BIGINT                                       AS "新发展会员数",
    t_new_members                                             AS "新发展会员数目标",
    round(done_new_members, 2)                                AS "新发展会员数完成率(%)",
    round(schedule_pct($snapshot), 2)                         AS "序时进度(%)",
    progress_status(lowest, schedule_pct($snapshot))          AS "进度状态",
    CASE WHEN month($snapshot) >= 6 AND done_new_unions IS NOT NULL AND done_new_members IS NOT NULL
         THEN CASE WHEN done_new_unions >= 50 AND done_new_members >= 50 THEN '是' ELSE '否' END END AS "双过半",
    CASE WHEN r.whole THEN g.d_new_unions END                 AS "区下达新建会单位数目标",
    CASE WHEN r.whole THEN t_new_unions - g.d_new_unions END  AS "新建会单位数目标差额",
    CASE WHEN r.whole THEN g.d_new_members END                AS "区下达新发展会员数目标",
    CASE WHEN r.whole THEN t_new_members - g.d_new_members END AS "新发展会员数目标差额",
    r.whole                                                   AS is_total
FROM r LEFT JOIN given g USING (town)
ORDER BY r.whole, r.area = '', r.area;
