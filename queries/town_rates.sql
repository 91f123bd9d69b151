-- town_rates.sql — 重点比率: by town, the rates the 目标责任书 and the leaders watch: 建会率 and
-- 入会率 against their rate targets (gap in percentage points: actual − target, from the
-- unrounded rate), 25人以上单位建会率 and 农民工入会率, and which report each town's figures come
-- from. Rate targets are signed per town: the 合计 row has no rate target.
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
--   (with an industry the rate targets stay empty, as in town_progress.sql)
-- Columns: 街镇, 数据来源, 在营单位数, 已建会单位数, 建会率(%), 建会率目标(%), 建会率差距(百分点),
--   职工人数, 会员人数, 入会率(%), 入会率目标(%), 入会率差距(百分点), 25人以上在营单位数,
--   25人以上已建会单位数, 25人以上单位建会率(%), 农民工人数, 农民工会员数, 农民工入会率(%), is_total
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
cur AS (
    -- the counts of the reports in force (cells_in_force, vocabulary.sql)
    SELECT town,
        sum(active) AS active, sum(unionised) AS unionised,
        sum(active) FILTER (WHERE size25) AS active25, sum(unionised) FILTER (WHERE size25) AS unionised25,
        sum(employees) AS employees, sum(members) AS members,
        sum(migrants) AS migrants, sum(migrant_members) AS migrant_members
    FROM cells_in_force($snapshot)
    WHERE $industry IS NULL OR industry = $industry
    GROUP BY town
),
tgt AS (
    SELECT town,
        max(target) FILTER (WHERE indicator = '建会率') AS t_coverage,
        max(target) FILTER (WHERE indicator = '入会率') AS t_membership
    FROM town_targets WHERE year = $year AND $industry IS NULL
    GROUP BY town
),
per_town AS (
    SELECT sel.ord, sel.town,
        CASE WHEN f.report_date IS NULL THEN '未报送'
             WHEN f.report_date < $snapshot THEN '沿用 ' || strftime(f.report_date, '%Y-%m-%d') || ' 报送数据'
             ELSE strftime(f.report_date, '%Y-%m-%d') || ' 报表' END AS source,
        coalesce(active, 0) AS active, coalesce(unionised, 0) AS unionised,
        coalesce(active25, 0) AS active25, coalesce(unionised25, 0) AS unionised25,
        coalesce(employees, 0) AS employees, coalesce(members, 0) AS members,
        coalesce(migrants, 0) AS migrants, coalesce(migrant_members, 0) AS migrant_members,
        t_coverage, t_membership
    FROM sel
    LEFT JOIN reports_in_force($snapshot) f USING (town)
    LEFT JOIN cur USING (town) LEFT JOIN tgt USING (town)
),
with_total AS (
    -- one row per town, then 合计 (vocabulary.sql, "合计"), which has no report of its own and no rate target
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, source, t_coverage, t_membership,
        GROUPING(town) = 1 AS is_total,
        sum(active) AS active, sum(unionised) AS unionised, sum(active25) AS active25,
        sum(unionised25) AS unionised25, sum(employees) AS employees, sum(members) AS members,
        sum(migrants) AS migrants, sum(migrant_members) AS migrant_members
    FROM per_town
    GROUP BY GROUPING SETS ((ord, town, source, t_coverage, t_membership), ())
)
SELECT
    town                                                   AS "街镇",
    source                                                 AS "数据来源",
    active::BIGINT                                         AS "在营单位数",
    unionised::BIGINT                                      AS "已建会单位数",
    round(pct(unionised, active), 2)                       AS "建会率(%)",
    t_coverage                                             AS "建会率目标(%)",
    round(pct(unionised, active) - t_coverage, 2)          AS "建会率差距(百分点)",
    employees::BIGINT                                      AS "职工人数",
    members::BIGINT                                        AS "会员人数",
    round(pct(members, employees), 2)                      AS "入会率(%)",
    t_membership                                           AS "入会率目标(%)",
    round(pct(members, employees) - t_membership, 2)       AS "入会率差距(百分点)",
    active25::BIGINT                                       AS "25人以上在营单位数",
    unionised25::BIGINT                                    AS "25人以上已建会单位数",
    round(pct(unionised25, active25), 2)                   AS "25人以上单位建会率(%)",
    migrants::BIGINT                                       AS "农民工人数",
    migrant_members::BIGINT                                AS "农民工会员数",
    round(pct(migrant_members, migrants), 2)               AS "农民工入会率(%)",
    is_total
FROM with_total
ORDER BY is_total, ord;
