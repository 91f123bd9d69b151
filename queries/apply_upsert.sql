-- apply_upsert.sql — write an accepted file of a dictionary kind (buildings, federations, targets; see
-- unionboard.kinds.store.Upsert): a row whose key is already in the table replaces that row, every other
-- row is added. The file's rows are the relation `incoming`, matched to the columns by name.
-- Parameters: none
-- Placeholders (unionboard.sql.fill, made from the kind's definition, never a user value):
--   {{table}}  the kind's table     {{key}}  its key columns (the table's primary key)
-- Columns: merge_action — INSERT for a row added, UPDATE for a row replaced
MERGE INTO {{table}}
USING incoming USING ({{key}})
WHEN MATCHED THEN UPDATE BY NAME
WHEN NOT MATCHED THEN INSERT BY NAME
RETURNING merge_action;
