-- snapshot_list.sql — which roster snapshots exist and what does each hold?
-- Parameters: none
-- Columns: 报表日期, 单位数, 在营单位数, 已建会单位数, 职工人数, 会员人数, 街镇数
SELECT snapshot                                                              AS "报表日期",
       count(*)                                                              AS "单位数",
       count(*) FILTER (WHERE status IN ('在营', '停产'))                    AS "在营单位数",
       count(*) FILTER (WHERE status IN ('在营', '停产') AND union_form <> '未建会') AS "已建会单位数",
       coalesce(sum(employees) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT AS "职工人数",
       coalesce(sum(members) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT   AS "会员人数",
       count(DISTINCT town)                                                  AS "街镇数"
FROM units
GROUP BY snapshot
ORDER BY snapshot;
