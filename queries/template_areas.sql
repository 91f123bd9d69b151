-- template_areas.sql — (issue 24) the areas (村居园区) of a town, or of every town, in name order: those its current
-- reports or its federations name. The targets template lists them (`template targets --town T`, and its
-- 村居园区 dropdown).
-- Parameters: $town VARCHAR|NULL (NULL: every town)
-- Columns: town, area
SELECT DISTINCT town, area FROM (
    SELECT town, area FROM units WHERE ($town IS NULL OR town = $town)
    UNION ALL
    SELECT town, area FROM federations WHERE ($town IS NULL OR town = $town)
)
WHERE area IS NOT NULL AND area <> ''
ORDER BY town, area;
