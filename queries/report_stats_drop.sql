-- report_stats_drop.sql — once every report is counted in report_cells and report_formed: the older counts go.
-- Parameters: none
DROP TABLE db.report_stats;
DROP TABLE IF EXISTS db.report_unions;
