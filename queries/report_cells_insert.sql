-- report_cells_insert.sql — count new reports once, from their files (see report_cells in schema.sql).
-- All reports of an import in one statement: one statement per report cost its planning each time.
-- Parameters (lists of the same length, one entry per report): $ids INTEGER[] (the import),
--   $snapshots DATE[], $towns VARCHAR[], $files VARCHAR[] (the report files, as read_parquet names them)
INSERT INTO report_cells
SELECT r.id, r.s, r.t, industry, unit_type, fortune500, employees >= 25, count(*),
    count(*) FILTER (WHERE is_active(status)),
    count(*) FILTER (WHERE is_active(status) AND has_union(union_form)),
    coalesce(sum(employees) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(members) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_workers) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_members) FILTER (WHERE is_active(status)), 0)
FROM read_parquet($files, filename = true) AS u
JOIN (SELECT unnest($ids) AS id, unnest($snapshots) AS s, unnest($towns) AS t, unnest($files) AS file) AS r
    ON u.filename = r.file
GROUP BY ALL;
