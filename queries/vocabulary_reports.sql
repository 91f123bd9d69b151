-- vocabulary_reports.sql — the part of the vocabulary (vocabulary.sql) that reads the tables derived from the
-- reports, created after it in the same in-memory catalog once those are known to be there (the database's
-- tables, or report_cells_fallback.sql and event_sightings_fallback.sql).
-- Parameters: none
-- What the reports in force at a date hold, counted when they arrived (report_cells and report_formed,
-- schema.sql): by town and every dimension a view slices by, without reading the reports' units. The
-- stock indicators, 新建会单位数 (by the year a union was formed) and the baseline of 新发展会员数 come
-- from these; views that list or match units read the roster itself.
CREATE OR REPLACE MACRO cells_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_cells c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;
CREATE OR REPLACE MACRO formed_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_formed c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;

-- Where an event belongs (one rule for every query): 迁出 → 原街镇; 新开业, 迁入 → 现街镇;
-- 停产, 关闭 → the 原街镇 or 现街镇 given, else the unit's town in its latest report on or before
-- `as_of` ('未识别' if none). A 迁出 whose 现街镇 is a town of the district is also a 迁入 of that
-- town, unless the 迁入 was sent as a row of its own (same unit, 原街镇 and 现街镇): a pair is never
-- counted twice. `in_roster`: the unit is in a report on or before `as_of`. A unit's town is looked up
-- in event_sightings (schema.sql), first in the reports in force at `as_of`, then in older ones.
CREATE OR REPLACE MACRO placed_events(as_of) AS TABLE
    WITH now_town AS (
        -- where each unit with events is in the reports in force (event_sightings, schema.sql)
        SELECT s.credit_code, arg_max(s.town, s.snapshot) AS roster_town
        FROM reports_in_force(as_of) f
        JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
        JOIN event_sightings s ON s.import_id = r.import_id AND s.snapshot = r.snapshot AND s.town = r.town
        GROUP BY s.credit_code
    ),
    older_town AS (
        -- the others: their latest report on or before as_of
        SELECT s.credit_code, arg_max(s.town, s.snapshot) AS roster_town
        FROM current_reports r
        JOIN event_sightings s ON s.import_id = r.import_id AND s.snapshot = r.snapshot AND s.town = r.town
        WHERE r.snapshot <= as_of AND s.credit_code NOT IN (SELECT credit_code FROM now_town)
        GROUP BY s.credit_code
    ),
    roster_town AS (
        SELECT * FROM now_town UNION ALL SELECT * FROM older_town
    ),
    moves_in AS (
        SELECT e.date, e.credit_code, e.name, '迁入' AS event, e.from_town, e.to_town, e.union_action,
               e.members_affected, e.members_transferred
        FROM events e
        WHERE e.event = '迁出' AND e.to_town IS NOT NULL AND e.to_town <> '区外'
          AND NOT EXISTS (SELECT 1 FROM events i
                          WHERE i.event = '迁入' AND i.credit_code = e.credit_code
                            AND i.from_town IS NOT DISTINCT FROM e.from_town AND i.to_town = e.to_town)
    ),
    all_events AS (
        SELECT date, credit_code, name, event, from_town, to_town, union_action, members_affected,
               members_transferred, false AS derived
        FROM events
        UNION ALL
        SELECT *, true FROM moves_in
    )
    SELECT a.*,
        CASE WHEN a.event = '迁出' THEN a.from_town
             WHEN is_arriving(a.event) THEN a.to_town
             ELSE coalesce(nullif(a.from_town, '区外'), nullif(a.to_town, '区外'), r.roster_town, '未识别')
        END AS town,
        r.roster_town IS NOT NULL AS in_roster
    FROM all_events a LEFT JOIN roster_town r USING (credit_code);
