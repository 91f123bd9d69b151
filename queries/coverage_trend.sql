-- coverage_trend.sql — 趋势: how did coverage and progress develop over the snapshots?
-- One row per roster snapshot on or before the as-of snapshot, each with its own year's
-- progress (新建会单位数 from 1 January of that year, 新发展会员数 against that year's
-- baseline, targets of that year summed over the selected towns) and 序时进度.
-- Parameters: $snapshot DATE, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
-- Columns: 报表日期, 在营单位数, 已建会单位数, 建会率(%), 职工人数, 会员人数, 入会率(%),
--   农民工入会率(%), 新建会单位数, 新建会单位数目标, 新建会单位数完成率(%), 新发展会员数,
--   新发展会员数目标, 新发展会员数完成率(%), 序时进度(%)
WITH snaps AS (
    SELECT DISTINCT snapshot FROM units WHERE snapshot <= $snapshot
),
snap_base AS (
    SELECT s.snapshot,
           (SELECT max(b.snapshot) FROM snaps b
             WHERE b.snapshot <= make_date(year(s.snapshot) - 1, 12, 31)) AS baseline
    FROM snaps s
),
agg AS (
    SELECT snapshot,
        count(*) FILTER (WHERE status IN ('在营', '停产'))                             AS active,
        count(*) FILTER (WHERE status IN ('在营', '停产') AND union_form <> '未建会')   AS unionised,
        coalesce(sum(employees) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT  AS employees,
        coalesce(sum(members) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT    AS members,
        coalesce(sum(migrant_workers) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT AS migrants,
        coalesce(sum(migrant_members) FILTER (WHERE status IN ('在营', '停产')), 0)::BIGINT AS migrant_members,
        count(*) FILTER (WHERE union_form <> '未建会'
                           AND union_date BETWEEN make_date(year(snapshot), 1, 1) AND snapshot) AS new_unions
    FROM units
    WHERE snapshot <= $snapshot
      AND ($towns IS NULL OR list_contains($towns, town))
      AND ($industry IS NULL OR industry = $industry)
    GROUP BY snapshot
),
tgt AS (
    SELECT year,
        sum(target) FILTER (WHERE indicator = '新建会单位数') AS t_new_unions,
        sum(target) FILTER (WHERE indicator = '新发展会员数') AS t_new_members
    FROM targets
    WHERE ($towns IS NULL OR list_contains($towns, town)) AND $industry IS NULL
    GROUP BY year
),
rows AS (
    SELECT sb.snapshot, coalesce(a.active, 0) AS active, coalesce(a.unionised, 0) AS unionised,
        coalesce(a.employees, 0) AS employees, coalesce(a.members, 0) AS members,
        coalesce(a.migrants, 0) AS migrants, coalesce(a.migrant_members, 0) AS migrant_members,
        coalesce(a.new_unions, 0) AS new_unions,
        CASE WHEN sb.baseline IS NOT NULL THEN coalesce(a.members, 0) - coalesce(b.members, 0) END AS new_members,
        tgt.t_new_unions, tgt.t_new_members,
        dayofyear(sb.snapshot) * 100.0 / date_diff('day', make_date(year(sb.snapshot), 1, 1),
                                                  make_date(year(sb.snapshot) + 1, 1, 1)) AS schedule
    FROM snap_base sb
    LEFT JOIN agg a ON a.snapshot = sb.snapshot
    LEFT JOIN agg b ON b.snapshot = sb.baseline
    LEFT JOIN tgt ON tgt.year = year(sb.snapshot)
)
SELECT snapshot AS "报表日期", active::BIGINT AS "在营单位数", unionised::BIGINT AS "已建会单位数",
       round(CASE WHEN active > 0 THEN unionised * 100.0 / active END, 2) AS "建会率(%)",
       employees AS "职工人数", members AS "会员人数",
       round(CASE WHEN employees > 0 THEN members * 100.0 / employees END, 2) AS "入会率(%)",
       round(CASE WHEN migrants > 0 THEN migrant_members * 100.0 / migrants END, 2) AS "农民工入会率(%)",
       new_unions::BIGINT AS "新建会单位数", t_new_unions AS "新建会单位数目标",
       round(new_unions * 100.0 / t_new_unions, 2) AS "新建会单位数完成率(%)",
       new_members::BIGINT AS "新发展会员数", t_new_members AS "新发展会员数目标",
       round(new_members * 100.0 / t_new_members, 2) AS "新发展会员数完成率(%)",
       round(schedule, 2) AS "序时进度(%)"
FROM rows
ORDER BY snapshot;
