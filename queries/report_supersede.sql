-- report_supersede.sql — a new report of a (报表日期, 街镇) supersedes the current one, which stays on file
-- (rollback). Issue 25: a report waiting for review (待审核) or returned (已退回) is superseded by any new
-- report of its pair (a town replaces its own by uploading again); the accepted one only by an accepted
-- report ($accepted), else when the new one is accepted (report_accept.sql).
-- Parameters: $id INTEGER (the import bringing the new report), $s DATE, $t VARCHAR, $accepted BOOLEAN
-- Columns: import_id, units, review — of the reports replaced (no row: the first report of that pair)
UPDATE reports SET superseded_by = $id
WHERE snapshot = $s AND town = $t AND superseded_by IS NULL AND ($accepted OR review <> '已通过')
RETURNING import_id, units, review;
