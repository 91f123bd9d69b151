-- report_rows.sql — the units of one report as it was sent (the reviewer's download, issue 25), in the roster's
-- column order, by 统一社会信用代码.
-- Parameters: $file VARCHAR (the report's file, a path the code made from reports.file)
-- Columns: the columns of units_layout (schema.sql) but snapshot
SELECT * EXCLUDE (snapshot) FROM read_parquet($file) ORDER BY credit_code;
