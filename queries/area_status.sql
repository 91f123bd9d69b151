-- area_status.sql — (issue 24) 村居园区进度汇总: for the district, each town's areas counted by 进度状态 (METRICS.md,
-- "One level down"; CLI.md, `area-status`): one row per town (dictionary order), then 合计. An area is counted as
-- area-progress shows it (area_rows, vocabulary_areas.sql); units without an area are no area.
-- Parameters: $snapshot DATE, $baseline DATE|NULL, $year INTEGER, $towns VARCHAR[]|NULL, $industry VARCHAR|NULL
-- Columns: 街镇, 村居园区数, 有目标村居园区数, 达标, 预警, 滞后, 无目标, is_total
WITH r AS (
    SELECT town, has_target, progress_status(lowest, schedule_pct($snapshot)) AS status
    FROM area_rows($snapshot, $baseline, $year, $towns, $industry)
    WHERE NOT whole AND area <> ''
),
sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
per_town AS (
    SELECT sel.ord, sel.town,
        count(r.town)                                   AS areas,
        count(*) FILTER (WHERE r.has_target)            AS with_target,
        count(*) FILTER (WHERE r.status = '达标')       AS on_track,
        count(*) FILTER (WHERE r.status = '预警')       AS warning,
        count(*) FILTER (WHERE r.status = '滞后')       AS lagging,
        count(*) FILTER (WHERE r.town IS NOT NULL AND NOT r.has_target) AS no_target
    FROM sel LEFT JOIN r USING (town)
    GROUP BY sel.ord, sel.town
),
with_total AS (
    SELECT ord, total_label(town, GROUPING(town) = 1) AS town, GROUPING(town) = 1 AS is_total,
        sum(areas) AS areas, sum(with_target) AS with_target, sum(on_track) AS on_track,
        sum(warning) AS warning, sum(lagging) AS lagging, sum(no_target) AS no_target
    FROM per_town
    GROUP BY GROUPING SETS ((ord, town), ())
)
SELECT town AS "街镇", areas::BIGINT AS "村居园区数", with_target::BIGINT AS "有目标村居园区数",
    on_track::BIGINT AS "达标", warning::BIGINT AS "预警", lagging::BIGINT AS "滞后", no_target::BIGINT AS "无目标",
    is_total
FROM with_total
ORDER BY is_total, ord;
