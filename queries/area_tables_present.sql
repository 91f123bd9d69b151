-- area_tables_present.sql — (issue 24) does the attached database have report_area_cells (and report_area_formed)?
-- One written before them gets them at its next write, counted from every report's file (store.transaction);
-- until then a reading connection counts them on the fly (report_area_cells_fallback.sql).
-- Parameters: none
-- Columns: count (1: there, 0: not)
SELECT count(*) FROM duckdb_tables() WHERE database_name = 'db' AND table_name = 'report_area_cells';
