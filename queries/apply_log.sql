-- apply_log.sql — write an accepted file of a log kind (events, training; unionboard.kinds.store.Log):
-- each row is a record, so two identical rows are two records; the rows already in the table, matched
-- as a multiset, are not added again (importing the same file twice adds nothing the second time).
-- The file's rows are the relation `incoming`.
-- Parameters: none
-- Placeholders (unionboard.sql.fill, made from the kind's definition, never a user value):
--   {{table}}  the kind's table     {{cols}}  its columns, in the table's order
-- Columns: one row per row added
INSERT INTO {{table}}
SELECT {{cols}} FROM incoming
EXCEPT ALL
SELECT {{cols}} FROM {{table}}
RETURNING 1;
