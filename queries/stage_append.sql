-- stage_append.sql — append one checked piece of a roster (the relation `piece`, the kind's columns but
-- 报表日期, known only once the whole file is read) to its staging table, cast to the table's types.
-- Parameters: none
-- Placeholders (unionboard.sql.fill, made by the code, never a user value):
--   {{table}}  the staging table (incoming_N)
INSERT INTO {{table}} BY NAME SELECT * FROM piece;
