-- report_decide.sql — a 管理员's decision on a report waiting for review (issue 25): 已通过 or 已退回 with the
-- reason. Conditional: only a report still 待审核 and not replaced is decided, so of two 管理员 deciding the
-- same report at once one wins and the other's decision finds no row.
-- Parameters: $r INTEGER (REPORT), $state VARCHAR (已通过 / 已退回), $by VARCHAR, $reason VARCHAR|NULL,
--   $decision INTEGER (the decision's line in imports), $at TIMESTAMP|NULL (when; NULL: now)
-- Columns: import_id, snapshot, town, units (no row: nothing decided)
UPDATE reports SET review = $state, decided_by = $by, decided_at = coalesce($at::TIMESTAMP, now()::TIMESTAMP), reason = $reason,
                   decision = $decision
WHERE report_id = $r AND review = '待审核' AND superseded_by IS NULL
RETURNING import_id, snapshot, town, units;
