-- uncovered_by_town.sql — 未建会单位分布: how many active units (在营 or 停产) still have no union, per town?
-- The counts behind the 未建会清单 page's figures and chart, without reading the list itself
-- (at city scale the list has hundreds of thousands of rows). Same filters as uncovered_units.sql.
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL, $key_only BOOLEAN
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 街镇, 未建会单位数, 25人以上, 25人以下, 涉及职工人数, 涉及农民工人数 (towns in dictionary order, then 合计)
WITH u AS (
    SELECT town, employees, migrant_workers
    FROM roster($roster_files)
    WHERE is_active(status) AND union_form = '未建会'
      AND ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
      AND (NOT $key_only OR fortune500 OR unit_type IN ('外资企业', '港澳台企业'))
),
by_town AS (
    SELECT town, count(*)::BIGINT AS n, count(*) FILTER (WHERE employees >= 25)::BIGINT AS big,
           sum(employees)::BIGINT AS employees, sum(migrant_workers)::BIGINT AS migrants
    FROM u GROUP BY town
)
SELECT "街镇", "未建会单位数", "25人以上", "25人以下", "涉及职工人数", "涉及农民工人数", is_total
FROM (
    SELECT b.town AS "街镇", b.n AS "未建会单位数", b.big AS "25人以上", b.n - b.big AS "25人以下",
           b.employees AS "涉及职工人数", b.migrants AS "涉及农民工人数", false AS is_total, coalesce(t.ord, 1e9) AS ord
    FROM by_town b LEFT JOIN towns t ON t.town = b.town
    UNION ALL
    SELECT '合计', coalesce(sum(n), 0)::BIGINT, coalesce(sum(big), 0)::BIGINT, coalesce(sum(n - big), 0)::BIGINT,
           coalesce(sum(employees), 0)::BIGINT, coalesce(sum(migrants), 0)::BIGINT, true, 2e9
    FROM by_town
)
ORDER BY ord, "街镇";
