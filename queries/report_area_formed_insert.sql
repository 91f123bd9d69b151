-- report_area_formed_insert.sql — (issue 24) the units with a union of new reports by 村居园区, 行业类别 and the year
-- the union was formed (store.record_report_counts), as report_formed_insert.sql counts them.
-- Parameters: $ids INTEGER[], $snapshots DATE[], $towns VARCHAR[], $files VARCHAR[]  one entry per report
INSERT INTO report_area_formed
SELECT r.id, r.s, r.t, coalesce(area, ''), industry, year(union_date), count(*)
FROM read_parquet($files, filename = true) AS u
JOIN (SELECT unnest($ids) AS id, unnest($snapshots) AS s, unnest($towns) AS t, unnest($files) AS file) AS r
    ON u.filename = r.file
WHERE has_union(union_form) AND union_date IS NOT NULL
GROUP BY ALL;
