-- report_date_for.sql — which report date answers "as of this date"? The latest report date on or
-- before $as_of (NULL: the latest of all), and the latest report date of all.
-- Parameters: $as_of DATE|NULL
-- Columns: snapshot, latest
SELECT max(snapshot) FILTER (WHERE $as_of IS NULL OR snapshot <= $as_of) AS snapshot,
       max(snapshot) AS latest
FROM current_reports;
