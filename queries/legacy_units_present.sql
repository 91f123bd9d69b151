-- legacy_units_present.sql — is the attached database one of the first release (units in a table, not in
-- report files)? Such a database is converted by the next write (or `migrate`).
-- Parameters: none
-- Columns: count (1: it is, 0: it is not)
SELECT count(*) FROM duckdb_tables() WHERE database_name = 'db' AND table_name = 'units';
