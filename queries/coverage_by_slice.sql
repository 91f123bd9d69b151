-- coverage_by_slice.sql — 建会率 and 入会率 by one slice of the roster (行业类别, 两新组织, …).
-- Stock indicators of the district at the as-of date (each town's report in force),
-- 新建会单位数 and 新发展会员数 year to date, per slice value in the contract's order, then 合计
-- (rates from summed counts). 新发展会员数 counts the towns that have a baseline report only.
-- Parameters:
--   $slice     VARCHAR   'industry' (行业类别) | 'two_new' (两新组织) | 'unit_type' (单位类型)
--                        | 'size' (职工人数 ≥ 25 or not) | 'fortune500' (世界500强)
--   $snapshot  DATE (report date), $baseline DATE|NULL (baseline day), $year INTEGER,
--   $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
--   $baseline_files VARCHAR[]  the report files in force at $baseline
-- Columns: 分组, 在营单位数, 已建会单位数, 建会率(%), 25人以上在营单位数, 25人以上已建会单位数,
--   25人以上单位建会率(%), 职工人数, 会员人数, 入会率(%), 农民工人数, 农民工会员数,
--   农民工入会率(%), 新建会单位数, 新发展会员数, is_total
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
    SELECT *,
        CASE $slice
            WHEN 'industry' THEN industry
            WHEN 'two_new' THEN CASE WHEN unit_type IN ('民营企业', '外资企业', '港澳台企业') THEN '新经济组织'
                                     WHEN unit_type = '社会组织' THEN '新社会组织' ELSE '其他' END
            WHEN 'unit_type' THEN unit_type
            WHEN 'size' THEN CASE WHEN employees >= 25 THEN '25人及以上' ELSE '25人以下' END
            WHEN 'fortune500' THEN CASE WHEN fortune500 THEN '世界500强' ELSE '非世界500强' END
        END AS value,
        is_active(status) AS is_active, has_union(union_form) AS unionised
    FROM (SELECT *, 'cur' AS side FROM roster($roster_files)
          UNION ALL
          SELECT *, 'base' FROM roster($baseline_files))
    WHERE ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
),
cur AS (
    SELECT value,
        count(*) FILTER (WHERE is_active)                                             AS active,
        count(*) FILTER (WHERE is_active AND unionised)                               AS unionised,
        count(*) FILTER (WHERE is_active AND employees >= 25)                         AS active25,
        count(*) FILTER (WHERE is_active AND employees >= 25 AND unionised)           AS unionised25,
        coalesce(sum(employees) FILTER (WHERE is_active), 0)::BIGINT                  AS employees,
        coalesce(sum(members) FILTER (WHERE is_active), 0)::BIGINT                    AS members,
        coalesce(sum(migrant_workers) FILTER (WHERE is_active), 0)::BIGINT            AS migrants,
        coalesce(sum(migrant_members) FILTER (WHERE is_active), 0)::BIGINT            AS migrant_members,
        count(*) FILTER (WHERE unionised
                           AND union_date BETWEEN make_date($year, 1, 1) AND $snapshot) AS new_unions,
        coalesce(sum(members) FILTER (WHERE is_active AND town IN (SELECT town FROM based)), 0)::BIGINT
                                                                                      AS based_members
    FROM keyed WHERE side = 'cur'
    GROUP BY value
),
base AS (
    SELECT value, coalesce(sum(members) FILTER (WHERE is_active), 0)::BIGINT AS members
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
with_total AS (
    -- one row per slice value, then 合计 (vocabulary.sql, "合计")
    SELECT ord, total_label(value, GROUPING(value) = 1) AS value, GROUPING(value) = 1 AS is_total,
        sum(active) AS active, sum(unionised) AS unionised, sum(active25) AS active25,
        sum(unionised25) AS unionised25, sum(employees) AS employees, sum(members) AS members,
        sum(migrants) AS migrants, sum(migrant_members) AS migrant_members, sum(new_unions) AS new_unions,
        sum(new_members) AS new_members
    FROM per_slice
    GROUP BY GROUPING SETS ((ord, value), ())
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
    is_total
FROM with_total
ORDER BY is_total, ord;
