-- report_formed_insert.sql — the units of one new report with a union, by the year it was formed
-- (see report_formed in schema.sql).
-- Parameters: $id INTEGER (the import), $s DATE, $t VARCHAR, $file VARCHAR (the report file)
INSERT INTO report_formed
SELECT $id, $s, $t, industry, unit_type, fortune500, employees >= 25, year(union_date), count(*)
FROM read_parquet($file)
WHERE has_union(union_form) AND union_date IS NOT NULL
GROUP BY ALL;
