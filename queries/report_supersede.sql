-- report_supersede.sql — a new report of a (报表日期, 街镇) supersedes the current one, which stays on file
-- (rollback).
-- Parameters: $id INTEGER (the import bringing the new report), $s DATE, $t VARCHAR
-- Columns: import_id, units — of the report replaced (no row: the first report of that pair)
UPDATE reports SET superseded_by = $id
WHERE snapshot = $s AND town = $t AND superseded_by IS NULL
RETURNING import_id, units;
