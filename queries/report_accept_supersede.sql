-- report_accept_supersede.sql — a report accepted (issue 25) replaces the accepted report of its (报表日期, 街镇),
-- superseded by the import that brought the new one (so rolling that import back makes it current again).
-- Parameters: $r INTEGER (the report accepted), $import INTEGER (its import), $s DATE, $t VARCHAR
UPDATE reports SET superseded_by = $import
WHERE snapshot = $s AND town = $t AND review = '已通过' AND superseded_by IS NULL AND report_id <> $r;
