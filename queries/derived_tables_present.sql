-- derived_tables_present.sql — which of the tables derived from the reports does the attached database have?
-- One written before report_cells existed (counts by industry only, in report_stats) gets them at its next
-- write (report_stats_upgrade.sql), one without event_sightings gets it then too (event_sightings_rebuild.sql);
-- until then a reading connection derives them on the fly (report_cells_fallback.sql,
-- event_sightings_fallback.sql).
-- Parameters: none
-- Columns: report_cells, report_stats, event_sightings (1: there, 0: not)
SELECT count(*) FILTER (WHERE table_name = 'report_cells'), count(*) FILTER (WHERE table_name = 'report_stats'),
       count(*) FILTER (WHERE table_name = 'event_sightings')
FROM duckdb_tables() WHERE database_name = 'db';
