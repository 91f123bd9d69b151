-- report_undecide.sql — undo a decision (rollback of a review line, issue 25): the report waits again, and
-- the accepted report it had replaced, if any, is current again.
-- Parameters: $decision INTEGER (the decision's line in imports)
-- Columns: report_id, import_id, snapshot, town (no row: the report was replaced since, nothing undone)
UPDATE reports SET review = '待审核', decided_by = NULL, decided_at = NULL, reason = NULL, decision = NULL
WHERE decision = $decision AND superseded_by IS NULL
RETURNING report_id, import_id, snapshot, town;
