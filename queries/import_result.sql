-- import_result.sql — was an import accepted, and of which kinds (for a rollback)?
-- Parameters: $id INTEGER
-- Columns: result, kind (no row: no such import)
SELECT result, kind FROM imports WHERE id = $id;
