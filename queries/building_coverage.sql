-- building_coverage.sql — 商务楼宇: how well is each commercial building covered, and does it
-- have a 楼宇工会联合会 (a federation of that kind naming it, founded on or before the report date)?
-- Units: the district at the as-of date (each town's report in force).
-- One row per known building (town order, then name), then 合计.
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 街镇, 楼宇名称, 在营单位数, 已建会单位数, 建会率(%), 职工人数, 会员人数, 入会率(%),
--   楼宇工会联合会, 联合会名称, 成立日期, is_total
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
    is_total
FROM with_total
ORDER BY is_total, ord, building;
