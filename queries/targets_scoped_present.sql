-- targets_scoped_present.sql — does the attached database's targets table have the 村居园区 and 范围 columns
-- (area, scope)? One written before them gets them at its next write (targets_upgrade.sql); until then a
-- reading connection reads its targets as the district's targets of the towns (target_views_fallback.sql).
-- Parameters: none
-- Columns: count (1: it has them, 0: it has not)
SELECT count(*) FROM duckdb_columns() WHERE database_name = 'db' AND table_name = 'targets' AND column_name = 'area';
