-- layout_file.sql — the empty report file every list of report files starts with: the columns and types of
-- a units report row (units_layout in schema.sql), so that no list is ever empty and a staging table
-- takes its types from it (unionboard.store).
-- Parameters: none
-- Placeholders (unionboard.sql.fill; a file the code names in the reports folder):
--   {{path}}  the file to write
COPY (SELECT * FROM db.units_layout) TO {{path}} (FORMAT parquet);
