-- area_coverage.sql — 村居园区: coverage of each village, community or park of a town, with
-- the federations based there (drill-down from 街镇进度).
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 街镇, 村居园区, 在营单位数, 已建会单位数, 建会率(%), 职工人数, 会员人数, 入会率(%),
--   新建会单位数, 工会联合会
WITH u AS (
    SELECT town, coalesce(area, '（未填）') AS area,
        count(*) FILTER (WHERE is_active(status))                              AS active,
        count(*) FILTER (WHERE is_active(status) AND has_union(union_form))    AS unionised,
        coalesce(sum(employees) FILTER (WHERE is_active(status)), 0)::BIGINT   AS employees,
        coalesce(sum(members) FILTER (WHERE is_active(status)), 0)::BIGINT     AS members,
        count(*) FILTER (WHERE has_union(union_form)
                           AND union_date BETWEEN make_date($year, 1, 1) AND $snapshot) AS new_unions
    FROM roster($roster_files)
    WHERE ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
    GROUP BY ALL
),
f AS (
    SELECT town, area, string_agg(federation, '、' ORDER BY federation) AS federations
    FROM federations WHERE founded <= $snapshot AND area IS NOT NULL
    GROUP BY ALL
)
SELECT u.town AS "街镇", u.area AS "村居园区", active::BIGINT AS "在营单位数",
       unionised::BIGINT AS "已建会单位数",
       round(pct(unionised, active), 2) AS "建会率(%)",
       employees AS "职工人数", members AS "会员人数",
       round(pct(members, employees), 2) AS "入会率(%)",
       new_unions::BIGINT AS "新建会单位数", f.federations AS "工会联合会"
FROM u JOIN towns t USING (town) LEFT JOIN f USING (town, area)
ORDER BY t.ord, active DESC, u.area;
