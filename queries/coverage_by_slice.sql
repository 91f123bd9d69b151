-- coverage_by_slice.sql — 建会率 and 入会率 by one slice of the roster (行业类别, 两新组织, …).
-- Stock indicators of the district at the as-of date (each town's report in force),
-- 新建会单位数 and 新发展会员数 year to date, per slice value in the contract's order, then 合计
-- (rates from summed counts). 新发展会员数 counts the towns that have a baseline report only.
-- Parameters:
--   $slice     VARCHAR   'industry' (行业类别) | 'two_new' (两新组织) | 'unit_type' (单位类型)
--                        | 'size' (职工人数 ≥ 25 or not) | 'fortune500' (世界500强)
--   $snapshot  DATE (report date), $baseline DATE|NULL (baseline day), $year INTEGER,
--   $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
-- Columns: 分组, 在营单位数, 已建会单位数, 建会率(%), 25人以上在营单位数, 25人以上已建会单位数,
--   25人以上单位建会率(%), 职工人数, 会员人数, 入会率(%), 农民工人数, 农民工会员数,
--   农民工入会率(%), 新建会单位数, 新发展会员数, then (issue 27) the 范围 target columns of CLI.md: 新建会单位数目标,
--   新建会单位数完成率(%), 新发展会员数目标, 新发展会员数完成率(%), 建会率目标(%), 建会率差距(百分点), 入会率目标(%),
--   入会率差距(百分点), 序时进度(%), 进度状态 (empty but on a row whose value is a 范围 with targets, scope_goals in
--   vocabulary.sql; unionboard.views keeps them on industries, two-new and fortune500 when the database has
--   scoped targets), is_total
WITH slices(ord, slice, value) AS (
    VALUES (1, 'industry', '现代服务业'), (2, 'industry', '高新技术产业'), (3, 'industry', '制造业'),
           (4, 'industry', '建筑业'), (5, 'industry', '商贸流通'), (6, 'industry', '其他'),
           (1, 'two_new', '新经济组织'), (2, 'two_new', '新社会组织'), (3, 'two_new', '其他'),
           (1, 'unit_type', '国有企业'), (2, 'unit_type', '集体企业'), (3, 'unit_type', '民营企业'),
           (4, 'unit_type', '外资企业'), (5, 'unit_type', '港澳台企业'), (6, 'unit_type', '社会组织'),
           (7, 'unit_type', '事业单位'), (8, 'unit_type', '机关'),
           (1, 'size', '25人及以上'), (2, 'size', '25人以下'),
           (1, 'fortune500', '世界500强'), (2, 'fortune500', '非世界500强')
),
based AS (
    SELECT town FROM reports_in_force($baseline)
),
keyed AS (
    -- the counts of the reports in force at the date and at the baseline day (cells_in_force,
    -- vocabulary.sql), and the unions formed since 1 January (a 建会日期 is never after its report's
    -- date), each keyed by its slice value
    SELECT *,
        CASE $slice
            WHEN 'industry' THEN industry
            WHEN 'two_new' THEN CASE WHEN unit_type IN ('民营企业', '外资企业', '港澳台企业') THEN '新经济组织'
                                     WHEN unit_type = '社会组织' THEN '新社会组织' ELSE '其他' END
            WHEN 'unit_type' THEN unit_type
            WHEN 'size' THEN CASE WHEN size25 THEN '25人及以上' ELSE '25人以下' END
            WHEN 'fortune500' THEN CASE WHEN fortune500 THEN '世界500强' ELSE '非世界500强' END
        END AS value
    FROM (SELECT town, industry, unit_type, fortune500, size25, 'cur' AS side, active, unionised, employees,
                 members, migrants, migrant_members, 0 AS formed
          FROM cells_in_force($snapshot)
          UNION ALL
          SELECT town, industry, unit_type, fortune500, size25, 'base', 0, 0, 0, members, 0, 0, 0
          FROM cells_in_force($baseline)
          UNION ALL
          SELECT town, industry, unit_type, fortune500, size25, 'formed', 0, 0, 0, 0, 0, 0, units
          FROM formed_in_force($snapshot) WHERE union_year >= $year)
    WHERE ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
),
cur AS (
    SELECT value,
        sum(active)                                          AS active,
        sum(unionised)                                       AS unionised,
        sum(active) FILTER (WHERE size25)                    AS active25,
        sum(unionised) FILTER (WHERE size25)                 AS unionised25,
        sum(employees) FILTER (WHERE side = 'cur')           AS employees,
        sum(members) FILTER (WHERE side = 'cur')             AS members,
        sum(migrants)                                        AS migrants,
        sum(migrant_members)                                 AS migrant_members,
        sum(formed)                                          AS new_unions,
        sum(members) FILTER (WHERE side = 'cur' AND town IN (SELECT town FROM based)) AS based_members
    FROM keyed WHERE side IN ('cur', 'formed')
    GROUP BY value
),
base AS (
    SELECT value, sum(members) AS members
    FROM keyed WHERE side = 'base'
    GROUP BY value
),
per_slice AS (
    SELECT s.ord, s.value,
        coalesce(active, 0) AS active, coalesce(unionised, 0) AS unionised,
        coalesce(active25, 0) AS active25, coalesce(unionised25, 0) AS unionised25,
        coalesce(employees, 0) AS employees, coalesce(cur.members, 0) AS members,
        coalesce(migrants, 0) AS migrants, coalesce(migrant_members, 0) AS migrant_members,
        coalesce(new_unions, 0) AS new_unions,
        CASE WHEN $baseline IS NOT NULL THEN coalesce(based_members, 0) - coalesce(base.members, 0) END AS new_members
    FROM slices s LEFT JOIN cur USING (value) LEFT JOIN base USING (value)
    WHERE s.slice = $slice
),
scoped AS (
    -- the slice values that are a 范围 of the targets (DATA-FORMAT.md, targets); with an industry filter
    -- only that industry's own row is still all of its 范围's units
    SELECT value AS scope FROM slices
    WHERE slice = $slice
      AND CASE $slice WHEN 'industry' THEN $industry IS NULL OR value = $industry
                      WHEN 'two_new' THEN $industry IS NULL AND value <> '其他'
                      WHEN 'fortune500' THEN $industry IS NULL AND value = '世界500强'
                      ELSE false END
),
actuals AS (
    -- 新建会单位数 and 新发展会员数 of each town (the towns picked) in each slice value, by the towns view's
    -- rules restricted to the value's units (a unit that changed value counts where it was at each date);
    -- then the district's ('全区'), for the 全区 targets
    SELECT town, value AS scope, sum(formed) AS new_unions,
        CASE WHEN town IN (SELECT town FROM based)
             THEN coalesce(sum(members) FILTER (WHERE side = 'cur'), 0)
                  - coalesce(sum(members) FILTER (WHERE side = 'base'), 0) END AS new_members
    FROM keyed GROUP BY town, value
    UNION ALL
    SELECT '全区', value, new_unions, new_members FROM per_slice
),
goals AS (
    -- each 范围's targets beside the actuals they are compared with (a town without units of the value: 0)
    SELECT g.scope, g.indicator, g.target, coalesce(a.new_unions, 0) AS new_unions,
        CASE WHEN g.town = '全区' THEN a.new_members
             WHEN g.town IN (SELECT town FROM based) THEN coalesce(a.new_members, 0) END AS new_members
    FROM scope_goals($year, $towns) g
    JOIN scoped USING (scope)
    LEFT JOIN actuals a USING (town, scope)
),
scope_progress AS (
    -- the 合计 rule of the towns view: a completion compares the actual of the targets' towns (those with a
    -- value) with the sum of their targets
    SELECT scope AS value,
        sum(target) FILTER (WHERE indicator = '新建会单位数')                                   AS t_new_unions,
        pct(sum(new_unions) FILTER (WHERE indicator = '新建会单位数'),
            sum(target) FILTER (WHERE indicator = '新建会单位数'))                              AS done_new_unions,
        sum(target) FILTER (WHERE indicator = '新发展会员数')                                   AS t_new_members,
        pct(sum(new_members) FILTER (WHERE indicator = '新发展会员数' AND new_members IS NOT NULL),
            sum(target) FILTER (WHERE indicator = '新发展会员数' AND new_members IS NOT NULL))  AS done_new_members,
        max(target) FILTER (WHERE indicator = '建会率')                                         AS t_coverage,
        max(target) FILTER (WHERE indicator = '入会率')                                         AS t_membership
    FROM goals
    GROUP BY scope
),
per_slice_goal AS (
    SELECT p.*, sp.t_new_unions, sp.done_new_unions, sp.t_new_members, sp.done_new_members,
        sp.t_coverage, sp.t_membership
    FROM per_slice p LEFT JOIN scope_progress sp USING (value)
),
with_total AS (
    -- one row per slice value, then 合计 (vocabulary.sql, "合计")
    SELECT ord, total_label(value, GROUPING(value) = 1) AS value, GROUPING(value) = 1 AS is_total,
        sum(active) AS active, sum(unionised) AS unionised, sum(active25) AS active25,
        sum(unionised25) AS unionised25, sum(employees) AS employees, sum(members) AS members,
        sum(migrants) AS migrants, sum(migrant_members) AS migrant_members, sum(new_unions) AS new_unions,
        sum(new_members) AS new_members,
        t_new_unions, done_new_unions, t_new_members, done_new_members, t_coverage, t_membership
    FROM per_slice_goal
    -- a 范围's targets are the row's columns: the 合计 row (all units) has none
    GROUP BY GROUPING SETS ((ord, value, t_new_unions, done_new_unions, t_new_members, done_new_members,
                             t_coverage, t_membership), ())
)
SELECT
    value                                                                  AS "分组",
    active::BIGINT                                                         AS "在营单位数",
    unionised::BIGINT                                                      AS "已建会单位数",
    round(pct(unionised, active), 2)                                       AS "建会率(%)",
    active25::BIGINT                                                       AS "25人以上在营单位数",
    unionised25::BIGINT                                                    AS "25人以上已建会单位数",
    round(pct(unionised25, active25), 2)                                   AS "25人以上单位建会率(%)",
    employees::BIGINT                                                      AS "职工人数",
    members::BIGINT                                                        AS "会员人数",
    round(pct(members, employees), 2)                                      AS "入会率(%)",
    migrants::BIGINT                                                       AS "农民工人数",
    migrant_members::BIGINT                                                AS "农民工会员数",
    round(pct(migrant_members, migrants), 2)                               AS "农民工入会率(%)",
    new_unions::BIGINT                                                     AS "新建会单位数",
    new_members::BIGINT                                                    AS "新发展会员数",
    t_new_unions                                                           AS "新建会单位数目标",
    round(done_new_unions, 2)                                              AS "新建会单位数完成率(%)",
    t_new_members                                                          AS "新发展会员数目标",
    round(done_new_members, 2)                                             AS "新发展会员数完成率(%)",
    t_coverage                                                             AS "建会率目标(%)",
    round(pct(unionised, active) - t_coverage, 2)                          AS "建会率差距(百分点)",
    t_membership                                                           AS "入会率目标(%)",
    round(pct(members, employees) - t_membership, 2)                       AS "入会率差距(百分点)",
    CASE WHEN coalesce(t_new_unions, t_new_members, t_coverage, t_membership) IS NOT NULL
         THEN round(schedule_pct($snapshot), 2) END                        AS "序时进度(%)",
    progress_status(least(done_new_unions, done_new_members), schedule_pct($snapshot)) AS "进度状态",
    is_total
FROM with_total
ORDER BY is_total, ord;
