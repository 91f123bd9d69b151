-- restore_history.sql — after a rollback restored the state before an import: the history as it was
-- before the rollback (the relation `old_history`), so that no line is ever lost.
-- Parameters: none
DELETE FROM imports;
INSERT INTO imports (id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by)
SELECT id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by FROM old_history;
