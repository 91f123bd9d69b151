-- legacy_reports.sql — the reports of a database of the first release, whose units table held one
-- whole-district roster per 报表日期: each (报表日期, 街镇) with rows counts as a report. Readers use
-- this until the first import converts the database (unionboard.store).
-- Columns: those of `reports` in schema.sql (receipt details unknown, left empty).
CREATE OR REPLACE VIEW memory.main.reports AS
SELECT 0 AS import_id, snapshot, town, NULL::VARCHAR AS file, count(*)::INTEGER AS units,
       snapshot::TIMESTAMP AS received_at, NULL::VARCHAR AS received_by, NULL::VARCHAR AS file_name,
       NULL::INTEGER AS replaced, NULL::INTEGER AS superseded_by
FROM db.units
GROUP BY snapshot, town;
