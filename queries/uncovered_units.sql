-- uncovered_units.sql — 未建会清单: which active units (在营 or 停产) still have no union?
-- Largest first; units with 25 or more employees are flagged, since 25人以上单位建会率 is watched.
-- With $key_only, only 世界500强 and foreign-funded units (外资企业, 港澳台企业).
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL, $key_only BOOLEAN,
--   $limit BIGINT|NULL, $offset BIGINT (one page of the list on screen; NULL and 0 for the whole list)
--   $roster_files VARCHAR[]  the report files in force at $snapshot (picked by views.resolve)
-- Columns: 统一社会信用代码, 单位名称, 街镇, 村居园区, 楼宇名称, 行业类别, 单位类型, 世界500强,
--   经营状态, 职工人数, 农民工人数, 25人以上
SELECT u.credit_code AS "统一社会信用代码", u.name AS "单位名称", u.town AS "街镇",
       u.area AS "村居园区", u.building AS "楼宇名称", u.industry AS "行业类别",
       u.unit_type AS "单位类型", CASE WHEN u.fortune500 THEN '是' ELSE '否' END AS "世界500强",
       u.status AS "经营状态", u.employees AS "职工人数", u.migrant_workers AS "农民工人数",
       CASE WHEN u.employees >= 25 THEN '是' ELSE '否' END AS "25人以上"
FROM roster($roster_files) u
WHERE is_active(u.status) AND u.union_form = '未建会'
  AND ($towns IS NULL OR list_contains($towns, u.town))
  AND ($industry IS NULL OR u.industry = $industry)
  AND (NOT $key_only OR is_key_unit(u.fortune500, u.unit_type))
ORDER BY u.employees DESC, u.credit_code
LIMIT $limit OFFSET $offset;
