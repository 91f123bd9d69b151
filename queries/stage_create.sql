-- stage_create.sql — a staging table for one checked roster (unionboard.stage): the columns and types
-- of a report file, taken from the database's empty layout file (units_layout in schema.sql), so that
-- the rows are copied into each town's report file as they are.
-- Parameters: none
-- Placeholders (unionboard.sql.fill, made by the code, never a user value):
--   {{table}}   the staging table (incoming_N)     {{layout}}  the layout file (reports folder)
CREATE TABLE {{table}} AS SELECT * FROM read_parquet({{layout}}) LIMIT 0;
