-- report_formed_insert.sql — the units of new reports with a union, by the year it was formed
-- (see report_formed in schema.sql). All reports of an import in one statement.
-- Parameters (lists of the same length, one entry per report): $ids INTEGER[] (the import),
--   $snapshots DATE[], $towns VARCHAR[], $files VARCHAR[] (the report files, as read_parquet names them)
INSERT INTO report_formed
SELECT r.id, r.s, r.t, industry, unit_type, fortune500, employees >= 25, year(union_date), count(*)
FROM read_parquet($files, filename = true) AS u
JOIN (SELECT unnest($ids) AS id, unnest($snapshots) AS s, unnest($towns) AS t, unnest($files) AS file) AS r
    ON u.filename = r.file
WHERE has_union(union_form) AND union_date IS NOT NULL
GROUP BY ALL;
