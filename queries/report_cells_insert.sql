-- report_cells_insert.sql — count one new report once, from its file (see report_cells in schema.sql).
-- Parameters: $id INTEGER (the import), $s DATE, $t VARCHAR, $file VARCHAR (the report file)
INSERT INTO report_cells
SELECT $id, $s, $t, industry, unit_type, fortune500, employees >= 25, count(*),
    count(*) FILTER (WHERE is_active(status)),
    count(*) FILTER (WHERE is_active(status) AND has_union(union_form)),
    coalesce(sum(employees) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(members) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_workers) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_members) FILTER (WHERE is_active(status)), 0)
FROM read_parquet($file)
GROUP BY ALL;
