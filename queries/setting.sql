-- setting.sql — a district setting (e.g. due_days); no row: the default (unionboard.importer.SETTINGS).
-- Parameters: $k VARCHAR
-- Columns: value
SELECT value FROM settings WHERE key = $k;
