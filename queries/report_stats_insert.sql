-- report_stats_insert.sql — count one new report once, from its file (see report_stats in schema.sql).
-- Parameters: $id INTEGER (the import), $s DATE, $t VARCHAR, $file VARCHAR (the report file)
INSERT INTO report_stats
SELECT $id, $s, $t, industry, count(*),
    count(*) FILTER (WHERE is_active(status)),
    count(*) FILTER (WHERE is_active(status) AND has_union(union_form)),
    count(*) FILTER (WHERE is_active(status) AND employees >= 25),
    count(*) FILTER (WHERE is_active(status) AND employees >= 25 AND has_union(union_form)),
    coalesce(sum(employees) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(members) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_workers) FILTER (WHERE is_active(status)), 0),
    coalesce(sum(migrant_members) FILTER (WHERE is_active(status)), 0)
FROM read_parquet($file)
GROUP BY industry;
