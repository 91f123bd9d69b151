-- building_coverage.sql — 商务楼宇: how well is each commercial building covered, and does it
-- have a 楼宇工会联合会 (a federation of that kind naming it, founded on or before the report date)?
-- Units: the district at the as-of date (each town's report in force).
-- One row per known building (town order, then name), then 合计.
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
--   (issue 27) $baseline DATE|NULL, $baseline_files VARCHAR[] (the report files in force on the baseline day),
--   $year INTEGER: the 商务楼宇 范围's progress toward its targets (METRICS.md, "Targets by industry, 两新组织,
--   世界500强 and buildings"), on the 合计 row only
-- Columns: 街镇, 楼宇名称, 在营单位数, 已建会单位数, 建会率(%), 职工人数, 会员人数, 入会率(%),
--   楼宇工会联合会, 联合会名称, 成立日期, then (issue 27, 合计 only) 新建会单位数, 新建会单位数目标,
--   新建会单位数完成率(%), 新发展会员数, 新发展会员数目标, 新发展会员数完成率(%), 建会率目标(%),
--   建会率差距(百分点), 入会率目标(%), 入会率差距(百分点), 序时进度(%), 进度状态 (unionboard.views keeps them
--   when the database has scoped targets), is_total
WITH b AS (
    SELECT t.ord, b.town, b.building
    FROM buildings b JOIN towns t USING (town)
    WHERE $towns IS NULL OR list_contains($towns, b.town)
),
u AS (
    SELECT town, building,
        count(*) FILTER (WHERE is_active(status))                              AS active,
        count(*) FILTER (WHERE is_active(status) AND has_union(union_form))    AS unionised,
        coalesce(sum(employees) FILTER (WHERE is_active(status)), 0)::BIGINT   AS employees,
        coalesce(sum(members) FILTER (WHERE is_active(status)), 0)::BIGINT     AS members
    FROM roster($roster_files)
    WHERE building IS NOT NULL
      AND ($industry IS NULL OR industry = $industry)
    GROUP BY town, building
),
f AS (
    SELECT town, building, string_agg(federation, '、' ORDER BY federation) AS federations,
           min(founded) AS founded
    FROM federations
    WHERE kind = '楼宇工会联合会' AND founded <= $snapshot
    GROUP BY town, building
),
rows AS (
    SELECT b.ord, b.town, b.building,
        coalesce(u.active, 0) AS active, coalesce(u.unionised, 0) AS unionised,
        coalesce(u.employees, 0) AS employees, coalesce(u.members, 0) AS members,
        f.federations, f.founded
    FROM b LEFT JOIN u USING (town, building) LEFT JOIN f USING (town, building)
),
based AS (
    SELECT town FROM reports_in_force($baseline)
),
scope_side AS (
    -- 商务楼宇 (issue 27): the units whose 楼宇名称 is given, by town, at the date and on the baseline day
    SELECT town, 'cur' AS side,
        count(*) FILTER (WHERE has_union(union_form) AND year(union_date) >= $year)  AS new_unions,
        coalesce(sum(members) FILTER (WHERE is_active(status)), 0)               AS members
    FROM roster($roster_files)
    WHERE building IS NOT NULL AND ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
    GROUP BY town
    UNION ALL
    SELECT town, 'base', 0, coalesce(sum(members) FILTER (WHERE is_active(status)), 0)
    FROM roster($baseline_files)
    WHERE building IS NOT NULL AND ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
    GROUP BY town
),
scope_town AS (
    -- each town's 新建会单位数 and 新发展会员数 in the 范围, by the towns view's rules (the baseline of the towns
    -- with a report on the baseline day)
    SELECT town, sum(new_unions) AS new_unions,
        CASE WHEN town IN (SELECT town FROM based)
             THEN sum(members) FILTER (WHERE side = 'cur') - coalesce(sum(members) FILTER (WHERE side = 'base'), 0)
        END AS new_members
    FROM scope_side GROUP BY town
),
actuals AS (
    SELECT town, new_unions, new_members FROM scope_town
    UNION ALL
    SELECT '全区', coalesce(sum(new_unions), 0), sum(new_members) FROM scope_town
),
goals AS (
    -- the 范围's targets beside the actuals they are compared with (a town without building units: 0)
    SELECT g.indicator, g.target, coalesce(a.new_unions, 0) AS new_unions,
        CASE WHEN g.town = '全区' THEN a.new_members
             WHEN g.town IN (SELECT town FROM based) THEN coalesce(a.new_members, 0) END AS new_members
    FROM scope_goals($year, $towns) g
    LEFT JOIN actuals a USING (town)
    WHERE g.scope = '商务楼宇' AND $industry IS NULL
),
scope_progress AS (
    -- one row: the district's (or the towns picked) figures and the 合计 rule of the towns view
    SELECT true AS is_total,
        (SELECT coalesce(sum(new_unions), 0) FROM scope_town)                                  AS new_unions,
        (SELECT sum(new_members) FROM scope_town)                                              AS new_members,
        sum(target) FILTER (WHERE indicator = '新建会单位数')                                   AS t_new_unions,
        pct(sum(new_unions) FILTER (WHERE indicator = '新建会单位数'),
            sum(target) FILTER (WHERE indicator = '新建会单位数'))                              AS done_new_unions,
        sum(target) FILTER (WHERE indicator = '新发展会员数')                                   AS t_new_members,
        pct(sum(new_members) FILTER (WHERE indicator = '新发展会员数' AND new_members IS NOT NULL),
            sum(target) FILTER (WHERE indicator = '新发展会员数' AND new_members IS NOT NULL))  AS done_new_members,
        max(target) FILTER (WHERE indicator = '建会率')                                         AS t_coverage,
        max(target) FILTER (WHERE indicator = '入会率')                                         AS t_membership
    FROM goals
),
with_total AS (
    -- one row per building, then 合计 (vocabulary.sql, "合计"): its 楼宇工会联合会 says how many buildings have one
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, building, federations, founded,
        GROUPING(town) = 1 AS is_total,
        coalesce(sum(active), 0) AS active, coalesce(sum(unionised), 0) AS unionised,
        coalesce(sum(employees), 0) AS employees, coalesce(sum(members), 0) AS members,
        count(federations) || '/' || count(*) AS with_federation
    FROM rows
    GROUP BY GROUPING SETS ((ord, town, building, federations, founded), ())
)
SELECT
    town                                                                   AS "街镇",
    building                                                               AS "楼宇名称",
    active::BIGINT                                                         AS "在营单位数",
    unionised::BIGINT                                                      AS "已建会单位数",
    round(pct(unionised, active), 2)                                       AS "建会率(%)",
    employees::BIGINT                                                      AS "职工人数",
    members::BIGINT                                                        AS "会员人数",
    round(pct(members, employees), 2)                                      AS "入会率(%)",
    CASE WHEN is_total THEN with_federation
         WHEN federations IS NOT NULL THEN '已成立' ELSE '未成立' END        AS "楼宇工会联合会",
    federations                                                            AS "联合会名称",
    founded                                                                AS "成立日期",
    sp.new_unions::BIGINT                                                  AS "新建会单位数",
    sp.t_new_unions                                                        AS "新建会单位数目标",
    round(sp.done_new_unions, 2)                                           AS "新建会单位数完成率(%)",
    sp.new_members::BIGINT                                                 AS "新发展会员数",
    sp.t_new_members                                                       AS "新发展会员数目标",
    round(sp.done_new_members, 2)                                          AS "新发展会员数完成率(%)",
    sp.t_coverage                                                          AS "建会率目标(%)",
    round(pct(unionised, active) - sp.t_coverage, 2)                       AS "建会率差距(百分点)",
    sp.t_membership                                                        AS "入会率目标(%)",
    round(pct(members, employees) - sp.t_membership, 2)                    AS "入会率差距(百分点)",
    CASE WHEN coalesce(sp.t_new_unions, sp.t_new_members, sp.t_coverage, sp.t_membership) IS NOT NULL
         THEN round(schedule_pct($snapshot), 2) END                        AS "序时进度(%)",
    progress_status(least(sp.done_new_unions, sp.done_new_members), schedule_pct($snapshot)) AS "进度状态",
    is_total
FROM with_total LEFT JOIN scope_progress sp USING (is_total)
ORDER BY is_total, ord, building;
