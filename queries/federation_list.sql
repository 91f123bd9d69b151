-- federation_list.sql — every federation founded on or before the snapshot, with the units and
-- members it covers (联合建会 units naming it at the as-of date). Town order, then kind, name.
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 街镇, 联合会名称, 类型, 村居园区, 楼宇名称, 成立日期, 专职干部人数, 覆盖单位数, 覆盖会员数
WITH covered AS (
    SELECT federation, count(*) AS units, coalesce(sum(members), 0)::BIGINT AS members
    FROM roster($roster_files)
    WHERE is_active(status) AND union_form = '联合建会'
    GROUP BY federation
)
SELECT f.town AS "街镇", f.federation AS "联合会名称", f.kind AS "类型", f.area AS "村居园区",
       f.building AS "楼宇名称", f.founded AS "成立日期", f.fulltime_cadres AS "专职干部人数",
       coalesce(c.units, 0)::BIGINT AS "覆盖单位数", coalesce(c.members, 0)::BIGINT AS "覆盖会员数"
FROM federations f
JOIN towns t USING (town)
LEFT JOIN covered c USING (federation)
WHERE f.founded <= $snapshot AND ($towns IS NULL OR list_contains($towns, f.town))
ORDER BY t.ord, f.kind, f.federation;
