-- town_progress.sql — 街镇进度: is each town on track with its 目标责任书?
-- For every town of the dictionary (in dictionary order) and a closing 合计 row: the stock
-- indicators of the district at the as-of date (each town's report in force, METRICS.md),
-- 新建会单位数 and 新发展会员数 against the year's targets, 序时进度 and 进度状态. 合计 rates
-- come from summed counts; district targets are the sums of town targets, and a 合计 完成率
-- compares the actual of the towns that have that target (and a value) with the sum of their
-- targets. 进度状态 also weighs the 楼宇/村(园区)工会联合会数 targets.
-- Parameters:
--   $snapshot  DATE       the as-of report date (the latest report date on or before the as-of date)
--   $baseline  DATE|NULL  31 December of the previous year, if any town has a report on or before it
--   $year      INTEGER    target year (the year of the as-of date)
--   $towns     VARCHAR[]|NULL  towns to show (NULL: all)
--   $industry  VARCHAR|NULL    only units of this 行业类别; targets are signed per town, not per
--                              industry, so with an industry the target columns stay empty
-- Columns: the 18 columns of CLI.md's towns view, then is_total.
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
cur AS (
    -- the counts of the reports in force (cells_in_force, vocabulary.sql)
    SELECT town,
        sum(active)::BIGINT AS active, sum(unionised)::BIGINT AS unionised,
        sum(employees)::BIGINT AS employees, sum(members)::BIGINT AS members,
        sum(migrants)::BIGINT AS migrants, sum(migrant_members)::BIGINT AS migrant_members
    FROM cells_in_force($snapshot)
    WHERE $industry IS NULL OR industry = $industry
    GROUP BY town
),
formed AS (
    -- unions formed from 1 January of the target year (a 建会日期 is never after its report's date)
    SELECT town, sum(units)::BIGINT AS new_unions
    FROM formed_in_force($snapshot)
    WHERE union_year >= $year AND ($industry IS NULL OR industry = $industry)
    GROUP BY town
),
has_base AS (
    -- towns with a report on or before the baseline day: only they have a 新发展会员数
    SELECT town FROM reports_in_force($baseline)
),
base AS (
    SELECT town, sum(members)::BIGINT AS members
    FROM cells_in_force($baseline)
    WHERE $industry IS NULL OR industry = $industry
    GROUP BY town
),
fed AS (
    SELECT town,
        count(*) FILTER (WHERE kind = '楼宇工会联合会')                        AS building_feds,
        count(*) FILTER (WHERE is_village_federation(kind))  AS village_feds
    FROM federations WHERE founded <= $snapshot
    GROUP BY town
),
tgt AS (
    SELECT town,
        max(target) FILTER (WHERE indicator = '新建会单位数')          AS t_new_unions,
        max(target) FILTER (WHERE indicator = '新发展会员数')          AS t_new_members,
        max(target) FILTER (WHERE indicator = '楼宇工会联合会数')      AS t_building_feds,
        max(target) FILTER (WHERE indicator = '村(园区)工会联合会数')  AS t_village_feds
    FROM town_targets WHERE year = $year AND $industry IS NULL
    GROUP BY town
),
per_town AS (
    SELECT sel.ord, sel.town,
        coalesce(cur.active, 0) AS active, coalesce(cur.unionised, 0) AS unionised,
        coalesce(cur.employees, 0) AS employees, coalesce(cur.members, 0) AS members,
        coalesce(cur.migrants, 0) AS migrants, coalesce(cur.migrant_members, 0) AS migrant_members,
        coalesce(formed.new_unions, 0) AS new_unions,
        CASE WHEN has_base.town IS NOT NULL
             THEN coalesce(cur.members, 0) - coalesce(base.members, 0) END AS new_members,
        coalesce(fed.building_feds, 0) AS building_feds, coalesce(fed.village_feds, 0) AS village_feds,
        tgt.t_new_unions, tgt.t_new_members, tgt.t_building_feds, tgt.t_village_feds
    FROM sel
    LEFT JOIN cur USING (town) LEFT JOIN formed USING (town) LEFT JOIN has_base USING (town) LEFT JOIN base USING (town)
    LEFT JOIN fed USING (town) LEFT JOIN tgt USING (town)
),
with_total AS (
    -- one row per town, then 合计 (vocabulary.sql, "合计"); a 完成率 is the completion of the towns that
    -- have the target (and a value) against the sum of their targets, for one town its own completion
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, GROUPING(town) = 1 AS is_total,
        sum(active) AS active, sum(unionised) AS unionised, sum(employees) AS employees, sum(members) AS members,
        sum(migrants) AS migrants, sum(migrant_members) AS migrant_members,
        sum(new_unions) AS new_unions, sum(new_members) AS new_members,
        sum(t_new_unions) AS t_new_unions, sum(t_new_members) AS t_new_members,
        pct(sum(new_unions) FILTER (WHERE t_new_unions IS NOT NULL), sum(t_new_unions))         AS done_new_unions,
        pct(sum(new_members) FILTER (WHERE t_new_members IS NOT NULL AND new_members IS NOT NULL),
            sum(t_new_members) FILTER (WHERE new_members IS NOT NULL))                          AS done_new_members,
        pct(sum(building_feds) FILTER (WHERE t_building_feds IS NOT NULL), sum(t_building_feds)) AS done_building_feds,
        pct(sum(village_feds) FILTER (WHERE t_village_feds IS NOT NULL), sum(t_village_feds))    AS done_village_feds
    FROM per_town
    GROUP BY GROUPING SETS ((ord, town), ())
),
status AS (
    SELECT *, schedule_pct($snapshot) AS schedule,
        least(done_new_unions, done_new_members, done_building_feds, done_village_feds) AS lowest
    FROM with_total
)
SELECT
    town                                    AS "街镇",
    active::BIGINT                          AS "在营单位数",
    unionised::BIGINT                       AS "已建会单位数",
    round(pct(unionised, active), 2)        AS "建会率(%)",
    employees::BIGINT                       AS "职工人数",
    members::BIGINT                         AS "会员人数",
    round(pct(members, employees), 2)       AS "入会率(%)",
    migrants::BIGINT                        AS "农民工人数",
    migrant_members::BIGINT                 AS "农民工会员数",
    round(pct(migrant_members, migrants), 2) AS "农民工入会率(%)",
    new_unions::BIGINT                      AS "新建会单位数",
    t_new_unions                            AS "新建会单位数目标",
    round(done_new_unions, 2)               AS "新建会单位数完成率(%)",
    new_members::BIGINT                     AS "新发展会员数",
    t_new_members                           AS "新发展会员数目标",
    round(done_new_members, 2)              AS "新发展会员数完成率(%)",
    round(schedule, 2)                      AS "序时进度(%)",
    progress_status(lowest, schedule)       AS "进度状态",
    is_total
FROM status
ORDER BY is_total, ord;
