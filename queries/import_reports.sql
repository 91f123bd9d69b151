-- import_reports.sql — the units reports an import brought, and whether a later import replaced them.
-- Parameters: $id INTEGER
-- Columns: snapshot, town, superseded_by (NULL: still current)
SELECT snapshot, town, superseded_by FROM reports WHERE import_id = $id ORDER BY snapshot, town;
