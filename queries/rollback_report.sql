-- rollback_report.sql — withdraw the report an import brought for one (报表日期, 街镇) (superseded by the
-- rollback), and make the report it replaced, if any, current again.
-- Parameters: $id INTEGER (the import undone), $new INTEGER (the rollback), $s DATE, $t VARCHAR
UPDATE reports SET superseded_by = CASE WHEN import_id = $id THEN $new END
WHERE snapshot = $s AND town = $t AND (import_id = $id OR superseded_by = $id);
