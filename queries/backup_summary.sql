-- backup_summary.sql — what a database holds, for a backup to describe itself and a restore to say what it
-- replaces (unionboard.backup). Read on a connection with the catalog attached as `db` (attach_read.sql).
-- Parameters: none
-- Columns: imports (lines in the history), last_id (the newest line's number), last_at (its time),
--   reports (current reports: one per 报表日期 and 街镇), first_date, last_date (their report dates), towns (towns
--   with a current report), files (report files listed, current or superseded)
SELECT (SELECT count(*) FROM db.imports)::BIGINT AS imports,
       (SELECT max(id) FROM db.imports) AS last_id,
       (SELECT max(imported_at) FROM db.imports) AS last_at,
       count(*) FILTER (WHERE superseded_by IS NULL)::BIGINT AS reports,
       min(snapshot) FILTER (WHERE superseded_by IS NULL) AS first_date,
       max(snapshot) FILTER (WHERE superseded_by IS NULL) AS last_date,
       count(DISTINCT town) FILTER (WHERE superseded_by IS NULL)::BIGINT AS towns,
       count(*)::BIGINT AS files
FROM db.reports;
