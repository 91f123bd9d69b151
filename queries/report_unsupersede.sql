-- report_unsupersede.sql — the accepted report an accepted one had replaced is current again (the acceptance
-- was rolled back, issue 25).
-- Parameters: $r INTEGER (the report no longer accepted), $import INTEGER (its import), $s DATE, $t VARCHAR
UPDATE reports SET superseded_by = NULL
WHERE snapshot = $s AND town = $t AND review = '已通过' AND superseded_by = $import AND report_id <> $r;
