-- report_area_cells_insert.sql — (issue 24) count new reports by 村居园区 and 行业类别 from their files (store.
-- record_report_counts), as report_cells_insert.sql counts them by the other dimensions.
-- Parameters: $ids INTEGER[], $snapshots DATE[], $towns VARCHAR[], $files VARCHAR[]  one entry per report
INSERT INTO report_area_cells
SELECT r.id, r.s, r.t, coalesce(area, ''), industry, count(*),
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
