-- counts_in_force.sql — part of the vocabulary (vocabulary.sql), created after it in the same in-memory
-- catalog once report_cells is known to be there (the database's table, or report_cells_fallback.sql).
-- Parameters: none
-- What the reports in force at a date hold, counted when they arrived (report_cells and report_formed,
-- schema.sql): by town and every dimension a view slices by, without reading the reports' units. The
-- stock indicators, 新建会单位数 (by the year a union was formed) and the baseline of 新发展会员数 come
-- from these; views that list or match units read the roster itself.
CREATE OR REPLACE MACRO cells_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_cells c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;
CREATE OR REPLACE MACRO formed_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_formed c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;
