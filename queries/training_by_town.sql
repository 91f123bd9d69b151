-- training_by_town.sql — 队伍建设: how many sessions and trainees per town and audience this
-- year, and how many 村(园区)工会主席 were trained against the town's 村(园区)工会联合会?
-- Training counts from 1 January of $year when its start date is on or before the snapshot.
-- A session is one (开始日期, 结束日期, 地点, 主办单位, 培训对象); one session may train
-- several towns, so 合计's 培训班次 counts distinct sessions, not the sum of the towns.
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL
-- Columns: 街镇, 培训班次, 村(园区)工会主席, 企业工会主席, 工会干部, 参训人数,
--   村(园区)工会联合会数, 村(园区)工会主席培训覆盖率(%), is_total
WITH sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
tr AS (
    SELECT tr.*, (start, "end", coalesce(place, ''), organiser, audience) AS session
    FROM training tr
    WHERE start BETWEEN make_date($year, 1, 1) AND $snapshot
      AND ($towns IS NULL OR list_contains($towns, town))
),
by_town AS (
    SELECT town, count(DISTINCT session) AS sessions,
        sum(trainees) FILTER (WHERE audience = '村(园区)工会主席') AS chairs,
        sum(trainees) FILTER (WHERE audience = '企业工会主席')     AS enterprise_chairs,
        sum(trainees) FILTER (WHERE audience = '工会干部')         AS cadres,
        sum(trainees) AS trainees
    FROM tr GROUP BY town
),
feds AS (
    SELECT town, count(*) AS village_feds FROM federations
    WHERE kind IN ('村工会联合会', '园区工会联合会') AND founded <= $snapshot
    GROUP BY town
),
rows AS (
    SELECT sel.ord, sel.town, false AS is_total, coalesce(sessions, 0) AS sessions,
        coalesce(chairs, 0) AS chairs, coalesce(enterprise_chairs, 0) AS enterprise_chairs,
        coalesce(cadres, 0) AS cadres, coalesce(trainees, 0) AS trainees,
        coalesce(village_feds, 0) AS village_feds
    FROM sel LEFT JOIN by_town USING (town) LEFT JOIN feds USING (town)
),
with_total AS (
    SELECT * FROM rows
    UNION ALL
    SELECT 1000000, '合计', true, (SELECT count(DISTINCT session) FROM tr), sum(chairs),
           sum(enterprise_chairs), sum(cadres), sum(trainees), sum(village_feds)
    FROM rows
)
SELECT town AS "街镇", sessions::BIGINT AS "培训班次", chairs::BIGINT AS "村(园区)工会主席",
       enterprise_chairs::BIGINT AS "企业工会主席", cadres::BIGINT AS "工会干部",
       trainees::BIGINT AS "参训人数", village_feds::BIGINT AS "村(园区)工会联合会数",
       round(CASE WHEN village_feds > 0 THEN chairs * 100.0 / village_feds END, 2)
           AS "村(园区)工会主席培训覆盖率(%)",
       is_total
FROM with_total
ORDER BY ord;
