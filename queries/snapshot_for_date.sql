-- snapshot_for_date.sql — which roster snapshot answers "as of this date"?
-- The latest snapshot on or before $as_of (NULL: the latest of all), and the baseline for its
-- year: the latest snapshot on or before 31 December of the previous year (NULL: none).
-- Parameters: $as_of DATE|NULL
-- Columns: snapshot, baseline
WITH s AS (
    SELECT max(snapshot) AS snapshot FROM units
    WHERE $as_of IS NULL OR snapshot <= $as_of
)
SELECT s.snapshot,
       (SELECT max(snapshot) FROM units
         WHERE snapshot <= make_date(year(s.snapshot) - 1, 12, 31)) AS baseline
FROM s;
