-- units_view.sql — the view `units`: the rows of every current report (docs/architecture.md, "How imports stay
-- atomic"), in the in-memory catalog. Views that need the reports in force at a date read only those
-- files (the roster macro, vocabulary.sql); `units` serves the rest (a town's latest report…).
-- Parameters: none
-- Placeholders (unionboard.sql.fill; files the code named in the reports folder, never a user value):
--   {{files}}  the layout file, then the files of current_report_files.sql (so the list is never empty)
CREATE OR REPLACE VIEW memory.main.units AS SELECT * FROM read_parquet({{files}});
