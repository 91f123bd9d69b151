-- review_columns_present.sql — does the attached database's `reports` carry the review state (issue 25,
-- schema.sql)? One written before it gets the columns at its next write; until then a reading connection
-- reads its reports as accepted (received_reports_fallback.sql).
-- Parameters: none
-- Columns: present (1: there, 0: not)
SELECT count(*) FROM duckdb_columns() WHERE database_name = 'db' AND table_name = 'reports' AND column_name = 'review';
