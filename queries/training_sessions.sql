-- training_sessions.sql — which training sessions were held this year, for whom, how many
-- towns and trainees? Sessions starting from 1 January of $year up to the snapshot.
-- Parameters: $snapshot DATE, $year INTEGER, $towns VARCHAR[]|NULL
-- Columns: 开始日期, 结束日期, 天数, 地点, 主办单位, 培训对象, 参训街镇数, 参训人数
SELECT start AS "开始日期", "end" AS "结束日期", (date_diff('day', start, "end") + 1)::BIGINT AS "天数",
       place AS "地点", organiser AS "主办单位", audience AS "培训对象",
       count(DISTINCT town)::BIGINT AS "参训街镇数", sum(trainees)::BIGINT AS "参训人数"
FROM training
WHERE start BETWEEN make_date($year, 1, 1) AND $snapshot
  AND ($towns IS NULL OR list_contains($towns, town))
GROUP BY start, "end", place, organiser, audience
ORDER BY start, organiser, audience;
