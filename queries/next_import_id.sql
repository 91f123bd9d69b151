-- next_import_id.sql — the number the next import (or rollback, or setting) gets in the history.
-- Parameters: none
-- Columns: id
SELECT coalesce(max(id), 0) + 1 FROM imports;
