-- transfer_followup.sql — 不断线、会员不流失: which units of the roster closed or moved out this
-- year with a union whose members were not (all) transferred? An event 关闭 or 迁出 from
-- 1 January of $year to the report date, whose 工会处置 is not 无工会 and which was 撤销, or
-- transferred fewer members than it involved, for a unit found in a report on or before the
-- as-of date. Listed under the town the event belongs to (placed_events, vocabulary.sql: the
-- same rule as 企业动态). Largest number of members not transferred first.
-- Parameters: $roster_files VARCHAR[] (the reports in force, views.resolve), $snapshot DATE,
--   $year INTEGER, $towns VARCHAR[]|NULL
-- Columns: 日期, 统一社会信用代码, 单位名称, 街镇, 事件, 现街镇, 工会处置, 涉及会员数, 转接会员数,
--   未转接会员数
SELECT date AS "日期", credit_code AS "统一社会信用代码", name AS "单位名称", town AS "街镇",
       event AS "事件", to_town AS "现街镇", union_action AS "工会处置",
       members_affected AS "涉及会员数", coalesce(members_transferred, 0) AS "转接会员数",
       (coalesce(members_affected, 0) - coalesce(members_transferred, 0))::BIGINT AS "未转接会员数"
FROM placed_events($snapshot, $roster_files)
WHERE in_roster AND NOT derived
  AND is_leaving(event)
  AND date BETWEEN make_date($year, 1, 1) AND $snapshot
  AND union_action <> '无工会'
  AND (union_action = '撤销' OR coalesce(members_transferred, 0) < coalesce(members_affected, 0))
  AND ($towns IS NULL OR list_contains($towns, town))
ORDER BY "未转接会员数" DESC, date, credit_code;
