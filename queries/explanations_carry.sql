-- explanations_carry.sql — a town's explanations (说明) follow its report of a (报表日期, 街镇) to the report
-- replacing it (issue 25): the new report $r gets those of the other reports of the pair that were current until
-- this import ($id) — at its upload, and again when it is accepted —, where it has none of its own for that finding.
-- Parameters: $r INTEGER (the new report), $id INTEGER (its import), $s DATE, $t VARCHAR
INSERT INTO explanations
SELECT DISTINCT ON (e.credit_code, e.finding) $r, e.credit_code, e.finding, e.text, e.explained_by, e.explained_at
FROM explanations e JOIN reports r ON r.report_id = e.report_id
WHERE r.snapshot = $s AND r.town = $t AND r.report_id <> $r AND (r.superseded_by IS NULL OR r.superseded_by = $id)
ORDER BY e.credit_code, e.finding, e.explained_at DESC
ON CONFLICT DO NOTHING;
