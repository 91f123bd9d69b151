-- report_area_cells_fallback.sql — (issue 24) report_area_cells and report_area_formed of a database written before
-- they existed, counted on the fly from the current reports (the view `units`) in a reading connection's in-memory
-- catalog: the same figures as report_area_cells_insert.sql and report_area_formed_insert.sql, only slower, until
-- the next write stores them (store.transaction).
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.report_area_cells AS
SELECT r.import_id, u.snapshot, u.town, coalesce(u.area, '') AS area, u.industry, count(*) AS units,
    count(*) FILTER (WHERE is_active(u.status)) AS active,
    count(*) FILTER (WHERE is_active(u.status) AND has_union(u.union_form)) AS unionised,
    coalesce(sum(u.employees) FILTER (WHERE is_active(u.status)), 0) AS employees,
    coalesce(sum(u.members) FILTER (WHERE is_active(u.status)), 0) AS members,
    coalesce(sum(u.migrant_workers) FILTER (WHERE is_active(u.status)), 0) AS migrants,
    coalesce(sum(u.migrant_members) FILTER (WHERE is_active(u.status)), 0) AS migrant_members
FROM memory.main.units u JOIN memory.main.current_reports r ON r.snapshot = u.snapshot AND r.town = u.town
GROUP BY ALL;
CREATE OR REPLACE VIEW memory.main.report_area_formed AS
SELECT r.import_id, u.snapshot, u.town, coalesce(u.area, '') AS area, u.industry, year(u.union_date) AS union_year,
    count(*) AS units
FROM memory.main.units u JOIN memory.main.current_reports r ON r.snapshot = u.snapshot AND r.town = u.town
WHERE has_union(u.union_form) AND u.union_date IS NOT NULL
GROUP BY ALL;
