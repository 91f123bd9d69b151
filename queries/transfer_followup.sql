-- transfer_followup.sql — 不断线、会员不流失: which units of the roster closed or moved out this
-- year with a union whose members were not (all) transferred? An event 关闭 or 迁出 from
-- 1 January of $year to the snapshot, whose 工会处置 is not 无工会, and which was 撤销, or
-- transferred fewer members than it involved, for a unit found in a roster snapshot on or
-- before the as-of snapshot. Largest number of members not transferred first.
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL
-- Columns: 日期, 统一社会信用代码, 单位名称, 街镇, 事件, 现街镇, 工会处置, 涉及会员数, 转接会员数,
--   未转接会员数
WITH roster AS (
    SELECT credit_code, arg_max(town, snapshot) AS town
    FROM units
    WHERE snapshot <= $snapshot AND credit_code IN (SELECT credit_code FROM events)
    GROUP BY credit_code
)
SELECT e.date AS "日期", e.credit_code AS "统一社会信用代码", e.name AS "单位名称",
       coalesce(CASE WHEN e.event = '迁出' THEN e.from_town END, r.town) AS "街镇",
       e.event AS "事件", e.to_town AS "现街镇", e.union_action AS "工会处置",
       e.members_affected AS "涉及会员数", coalesce(e.members_transferred, 0) AS "转接会员数",
       (coalesce(e.members_affected, 0) - coalesce(e.members_transferred, 0))::BIGINT AS "未转接会员数"
FROM events e JOIN roster r USING (credit_code)
WHERE e.event IN ('关闭', '迁出')
  AND e.date BETWEEN make_date($year, 1, 1) AND $snapshot
  AND e.union_action <> '无工会'
  AND (e.union_action = '撤销' OR coalesce(e.members_transferred, 0) < coalesce(e.members_affected, 0))
  AND ($towns IS NULL OR list_contains($towns, coalesce(CASE WHEN e.event = '迁出' THEN e.from_town END, r.town)))
ORDER BY "未转接会员数" DESC, e.date, e.credit_code;
