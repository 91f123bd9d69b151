-- training_by_town.sql — 队伍建设: how many sessions and trainees per town and audience this
-- year, and how many 村(园区)工会主席 were trained against the town's 村(园区)工会联合会?
-- Training counts from 1 January of $year when its start date is on or before the snapshot.
-- A session is one (开始日期, 结束日期, 地点, 主办单位, 培训对象); one session may train
-- several towns, so 合计's 培训班次 counts distinct sessions, not the sum of the towns.
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL
-- 参训人数 counts places (人次), not people: a town's 村(园区)工会主席培训覆盖率 is min(主席参训人次,
-- 联合会数) / 联合会数, never above 100, and 合计 sums each town's min(…) (METRICS.md, Training; issue 23).
-- Columns: 街镇, 培训班次, 村(园区)工会主席 (人次), 企业工会主席, 工会干部, 参训人数,
--   村(园区)工会联合会数, 主席培训覆盖联合会数, 村(园区)工会主席培训覆盖率(%), is_total
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
tr AS (
    SELECT tr.*, (start, "end", coalesce(place, ''), organiser, audience) AS session
    FROM training tr
    WHERE start BETWEEN make_date($year, 1, 1) AND $snapshot
      AND ($towns IS NULL OR list_contains($towns, town))
),
feds AS (
    SELECT town, count(*) AS village_feds FROM federations
    WHERE is_village_federation(kind) AND founded <= $snapshot
    GROUP BY town
),
facts AS (
    -- what each town took part in (a row per town and training) and its federations (a row per town), so
    -- that the 合计 row counts the district's distinct sessions and every town's federations once
    SELECT sel.ord, sel.town, tr.session, tr.audience, tr.trainees, NULL AS village_feds
    FROM sel JOIN tr USING (town)
    UNION ALL
    SELECT sel.ord, sel.town, NULL, NULL, NULL, coalesce(feds.village_feds, 0)
    FROM sel LEFT JOIN feds USING (town)
),
with_total AS (
    -- one row per town, then 合计 (vocabulary.sql, "合计")
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, GROUPING(town) = 1 AS is_total,
        count(DISTINCT session) AS sessions,
        coalesce(sum(trainees) FILTER (WHERE audience = '村(园区)工会主席'), 0) AS chairs,
        coalesce(sum(trainees) FILTER (WHERE audience = '企业工会主席'), 0)     AS enterprise_chairs,
        coalesce(sum(trainees) FILTER (WHERE audience = '工会干部'), 0)         AS cadres,
        coalesce(sum(trainees), 0) AS trainees, sum(village_feds) AS village_feds
    FROM facts
    GROUP BY GROUPING SETS ((ord, town), ())
),
covered AS (
    -- the federations whose chair places can cover: per town at most its federations; 合计 the sum of the
    -- towns' (one town's extra places never cover another town's untrained chairs)
    SELECT *, CASE WHEN is_total
                   THEN (SELECT sum(least(chairs, village_feds)) FROM with_total WHERE NOT is_total)
                   ELSE least(chairs, village_feds) END AS covered_feds
    FROM with_total
)
SELECT town AS "街镇", sessions::BIGINT AS "培训班次", chairs::BIGINT AS "村(园区)工会主席",
       enterprise_chairs::BIGINT AS "企业工会主席", cadres::BIGINT AS "工会干部",
       trainees::BIGINT AS "参训人数", village_feds::BIGINT AS "村(园区)工会联合会数",
       covered_feds::BIGINT AS "主席培训覆盖联合会数",
       round(pct(covered_feds, village_feds), 2) AS "村(园区)工会主席培训覆盖率(%)",
       is_total
FROM covered
ORDER BY is_total, ord;
