-- import_lines.sql — the whole import history as stored, oldest first (a rollback keeps it whole).
-- Parameters: none
-- Columns: the columns of imports (schema.sql)
SELECT * FROM imports ORDER BY id;
