-- federations_by_town.sql — 工会联合会: how many federations of each kind does each town have,
-- with how many full-time cadres, covering how many units and members, against the year's
-- 楼宇工会联合会数 and 村(园区)工会联合会数 targets? Federations count when founded on or
-- before the report date. One row per town (dictionary order), then 合计 (完成率 of the towns
-- that have the target against the sum of their targets).
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 街镇, 村工会联合会, 园区工会联合会, 楼宇工会联合会, 行业工会联合会, 区域工会联合会,
--   联合会合计, 专职干部人数, 覆盖单位数, 覆盖会员数, 村(园区)工会联合会数, 村(园区)工会联合会数目标,
--   村(园区)工会联合会数完成率(%), 楼宇工会联合会数目标, 楼宇工会联合会数完成率(%), is_total
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
f AS (
    SELECT town,
        count(*) FILTER (WHERE kind = '村工会联合会')   AS village,
        count(*) FILTER (WHERE kind = '园区工会联合会') AS park,
        count(*) FILTER (WHERE kind = '楼宇工会联合会') AS building,
        count(*) FILTER (WHERE kind = '行业工会联合会') AS industry,
        count(*) FILTER (WHERE kind = '区域工会联合会') AS regional,
        sum(fulltime_cadres)::BIGINT                    AS cadres
    FROM federations WHERE founded <= $snapshot
    GROUP BY town
),
covered AS (
    -- units joined to a federation (联合建会) at the as-of date, counted in the federation's town
    SELECT fe.town, count(*) AS units, coalesce(sum(u.members), 0)::BIGINT AS members
    FROM roster($roster_files) u JOIN federations fe ON fe.federation = u.federation AND fe.founded <= $snapshot
    WHERE is_active(u.status) AND u.union_form = '联合建会'
    GROUP BY fe.town
),
tgt AS (
    SELECT town,
        max(target) FILTER (WHERE indicator = '村(园区)工会联合会数') AS t_village,
        max(target) FILTER (WHERE indicator = '楼宇工会联合会数')      AS t_building
    FROM town_targets WHERE year = $year
    GROUP BY town
),
rows AS (
    SELECT sel.ord, sel.town,
        coalesce(village, 0) AS village, coalesce(park, 0) AS park, coalesce(building, 0) AS building,
        coalesce(industry, 0) AS industry, coalesce(regional, 0) AS regional,
        coalesce(cadres, 0) AS cadres, coalesce(covered.units, 0) AS units,
        coalesce(covered.members, 0) AS members, t_village, t_building
    FROM sel LEFT JOIN f USING (town) LEFT JOIN covered USING (town) LEFT JOIN tgt USING (town)
),
with_total AS (
    -- one row per town, then 合计 (vocabulary.sql, "合计"); a 完成率 is the completion of the towns that
    -- have the target against the sum of their targets, for one town its own completion
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, GROUPING(town) = 1 AS is_total,
        sum(village) AS village, sum(park) AS park, sum(building) AS building, sum(industry) AS industry,
        sum(regional) AS regional, sum(cadres) AS cadres, sum(units) AS units, sum(members) AS members,
        sum(t_village) AS t_village, sum(t_building) AS t_building,
        pct(sum(village + park) FILTER (WHERE t_village IS NOT NULL), sum(t_village))   AS done_village,
        pct(sum(building) FILTER (WHERE t_building IS NOT NULL), sum(t_building))       AS done_building
    FROM rows
    GROUP BY GROUPING SETS ((ord, town), ())
)
SELECT
    town                                               AS "街镇",
    village::BIGINT                                    AS "村工会联合会",
    park::BIGINT                                       AS "园区工会联合会",
    building::BIGINT                                   AS "楼宇工会联合会",
    industry::BIGINT                                   AS "行业工会联合会",
    regional::BIGINT                                   AS "区域工会联合会",
    (village + park + building + industry + regional)::BIGINT AS "联合会合计",
    cadres::BIGINT                                     AS "专职干部人数",
    units::BIGINT                                      AS "覆盖单位数",
    members::BIGINT                                    AS "覆盖会员数",
    (village + park)::BIGINT                           AS "村(园区)工会联合会数",
    t_village                                          AS "村(园区)工会联合会数目标",
    round(done_village, 2)                             AS "村(园区)工会联合会数完成率(%)",
    t_building                                         AS "楼宇工会联合会数目标",
    round(done_building, 2)                            AS "楼宇工会联合会数完成率(%)",
    is_total
FROM with_total
ORDER BY is_total, ord;
