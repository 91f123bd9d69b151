-- context_areas.sql — (issue 24) the areas (村居园区) the given report files name, by town: every current report of
-- the towns a targets file names (context_report_files.sql), only the 村居园区 column read.
-- Parameters: $files VARCHAR[]  report files (full paths)
-- Columns: town, area
SELECT DISTINCT town, area FROM read_parquet($files) WHERE area IS NOT NULL AND area <> '';
