-- context_federation_areas.sql — (issue 24) the areas (村居园区) the federations name, by town: an area target
-- may name them as well as the areas of the town's reports.
-- Parameters: none
-- Columns: town, area
SELECT DISTINCT town, area FROM federations WHERE area IS NOT NULL AND area <> '';
