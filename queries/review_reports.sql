-- review_reports.sql — reports as the review (审核, issue 25) sees them: the ones waiting (待审核, not replaced),
-- oldest first, or one report by its id; each with the town's previous accepted report (an earlier date) and
-- the accepted report of the same date it would replace, for the change against them.
-- Parameters: $id INTEGER|NULL (one report, in any state), $town VARCHAR|NULL (one town's)
-- Columns: report_id, import_id, snapshot, town, received_at, received_by, file_name, units, file, notes, review,
--   decided_by, decided_at, reason, decision, superseded_by, prev_date, prev_units, replaces_units
SELECT r.report_id, r.import_id, r.snapshot, r.town, r.received_at, r.received_by, r.file_name, r.units, r.file,
       r.notes, r.review, r.decided_by, r.decided_at, r.reason, r.decision, r.superseded_by,
       p.snapshot AS prev_date, p.units AS prev_units, a.units AS replaces_units
FROM received_reports r
JOIN towns t ON t.town = r.town
LEFT JOIN LATERAL (SELECT c.snapshot, c.units FROM current_reports c
                   WHERE c.town = r.town AND c.snapshot < r.snapshot ORDER BY c.snapshot DESC LIMIT 1) p ON true
LEFT JOIN current_reports a ON a.town = r.town AND a.snapshot = r.snapshot AND a.report_id <> r.report_id
WHERE CASE WHEN $id IS NOT NULL THEN r.report_id = $id
           ELSE r.review = '待审核' AND r.superseded_by IS NULL END
  AND ($town IS NULL OR r.town = $town)
ORDER BY r.received_at, r.report_id;
