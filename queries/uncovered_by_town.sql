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
      AND (NOT $key_only OR is_key_unit(fortune500, unit_type))
),
with_total AS (
    -- one row per town with such units, then 合计 (vocabulary.sql, "合计")
    SELECT total_label(u.town, GROUPING(u.town) = 1) AS town, t.ord, GROUPING(u.town) = 1 AS is_total,
        count(*)::BIGINT AS n, count(*) FILTER (WHERE u.employees >= 25)::BIGINT AS big,
        coalesce(sum(u.employees), 0)::BIGINT AS employees, coalesce(sum(u.migrant_workers), 0)::BIGINT AS migrants
    FROM u LEFT JOIN towns t ON t.town = u.town  -- no ord: a town not in the dictionary, listed after the others
    GROUP BY GROUPING SETS ((u.town, t.ord), ())
)
SELECT town AS "街镇", n AS "未建会单位数", big AS "25人以上", n - big AS "25人以下",
       employees AS "涉及职工人数", migrants AS "涉及农民工人数", is_total
FROM with_total
ORDER BY is_total, ord NULLS LAST, "街镇";
