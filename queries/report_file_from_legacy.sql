-- report_file_from_legacy.sql — write one (报表日期, 街镇) of a first-release database as a report file.
-- Parameters: $snapshot DATE, $town VARCHAR
-- Placeholders (unionboard.sql.fill; a file the code names in the reports folder):
--   {{path}}  the file to write
COPY (SELECT * FROM temp.legacy_units WHERE snapshot = $snapshot AND town = $town)
TO {{path}} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880);
