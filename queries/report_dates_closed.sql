-- report_dates_closed.sql — which report date does a user see when they pick none (METRICS.md, "The
-- as-of date")? Every report date on or before $until (NULL: all), newest first, with how many towns
-- have reported for it, whether it is CLOSED — every town of the dictionary has a report for it, or
-- its due day (报表日期 + due_days, the setting of queries/submissions.sql, default 5) has passed — and
-- which one is the DEFAULT: the latest closed report date (when none is closed yet, the earliest report
-- date: the one closest to closing). A later date still coming in is offered beside the default,
-- labelled with how far it is, so one town reporting early never moves everybody's default.
-- Parameters: $today DATE (the clock), $until DATE|NULL (the latest date considered: --year's 31 December)
-- Columns: snapshot, reported, towns, closed, is_default
WITH due AS (
    SELECT coalesce((SELECT try_cast(value AS INTEGER) FROM settings WHERE key = 'due_days'), 5) AS days
),
dict AS (
    SELECT count(*) AS towns FROM towns
),
dated AS (
    SELECT snapshot, count(DISTINCT town) FILTER (WHERE town IN (SELECT town FROM towns)) AS reported
    FROM current_reports
    WHERE $until::DATE IS NULL OR snapshot <= $until::DATE
    GROUP BY snapshot
),
judged AS (
    SELECT d.snapshot, d.reported, dict.towns,
           d.reported >= dict.towns OR $today::DATE > d.snapshot + due.days AS closed
    FROM dated d CROSS JOIN dict CROSS JOIN due
)
SELECT snapshot, reported::BIGINT AS reported, towns::BIGINT AS towns, closed,
       snapshot = coalesce((SELECT max(snapshot) FROM judged WHERE closed),
                           (SELECT min(snapshot) FROM judged)) AS is_default
FROM judged
ORDER BY snapshot DESC;
