-- received_reports.sql — every report received, in any review state (待审核 / 已退回 / 已通过), current or
-- superseded: the table `reports` (schema.sql), as the in-memory catalog's view that the vocabulary's
-- current_reports (the accepted ones in force) and the review queries read.
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.received_reports AS SELECT * FROM db.main.reports;
