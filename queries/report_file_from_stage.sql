-- report_file_from_stage.sql — write one town's rows of a checked roster (a staging table, already in the
-- columns and types of a report: stage_create.sql) as a report file, with the report date.
-- Parameters: $snapshot DATE (the report date), $town VARCHAR (the town whose report it is)
-- Placeholders (unionboard.sql.fill, made by the code, never a user value):
--   {{stage_table}}  stage.incoming_N     {{path}}  the file to write (in the reports folder, or a preview's scratch file)
COPY (SELECT * REPLACE ($snapshot::DATE AS snapshot) FROM {{stage_table}} WHERE town = $town)
TO {{path}} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880);
