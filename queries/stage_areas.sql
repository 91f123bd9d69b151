-- stage_areas.sql — (issue 24) the areas (村居园区) of a checked roster waiting in the staging database, by town:
-- later files of the same batch (import_many: the sample's targets after its reports) may set targets for them.
-- Parameters: none
-- Placeholders (unionboard.sql.fill, made by the code, never a user value):
--   {{table}}  the staging table (incoming_N)
SELECT DISTINCT town, area FROM {{table}} WHERE area IS NOT NULL AND area <> '';
