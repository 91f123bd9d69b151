-- vocabulary.sql — the shared definitions of METRICS.md, as DuckDB macros and views that every
-- query in this folder uses, so that each rule is written once. unionboard.store creates them on
-- every connection (readers and writers), in the connection's in-memory catalog, after the view
-- `units` (the rows of the current reports).

-- 在营单位: 经营状态 is 在营 or 停产.
CREATE OR REPLACE MACRO is_active(status) AS status IN ('在营', '停产');

-- 已建会: 建会情况 is 单独建会 or 联合建会.
CREATE OR REPLACE MACRO has_union(union_form) AS union_form IN ('单独建会', '联合建会');

-- A rate in percent from counts (unrounded; rounded to 2 decimals where shown), empty when the
-- denominator is 0.
CREATE OR REPLACE MACRO pct(num, den) AS CASE WHEN den > 0 THEN num * 100.0 / den END;

-- 序时进度(%): day of year of a date / days in that year × 100 (2015-06-30 → 181/365 = 49.59).
CREATE OR REPLACE MACRO schedule_pct(d) AS
    dayofyear(d) * 100.0 / date_diff('day', make_date(year(d), 1, 1), make_date(year(d) + 1, 1, 1));

-- 进度状态 from the lowest completion over the count indicators with a target.
CREATE OR REPLACE MACRO progress_status(lowest, schedule) AS
    CASE WHEN lowest IS NULL THEN NULL
         WHEN lowest >= schedule THEN '达标'
         WHEN lowest >= 0.8 * schedule THEN '预警'
         ELSE '滞后' END;

-- The baseline day of a target year (新发展会员数 counts from the reports in force then).
CREATE OR REPLACE MACRO baseline_day(target_year) AS make_date(target_year - 1, 12, 31);

-- The reports a town has sent, one per (报表日期, 街镇): the current (not superseded) ones.
CREATE OR REPLACE VIEW current_reports AS
    SELECT * FROM reports WHERE superseded_by IS NULL;

-- The reports in force at a date: each town's latest report on or before it (METRICS.md, "The
-- as-of date and the towns' reports"). A town without one is 未报送 and has no row here.
CREATE OR REPLACE MACRO reports_in_force(as_of) AS TABLE
    SELECT town, max(snapshot) AS report_date
    FROM current_reports
    WHERE snapshot <= as_of
    GROUP BY town;

-- The district's roster at a date: for each town, the rows of its report in force.
CREATE OR REPLACE MACRO roster(as_of) AS TABLE
    SELECT u.*
    FROM units u
    SEMI JOIN reports_in_force(as_of) r ON u.town = r.town AND u.snapshot = r.report_date;

-- Where an event belongs (one rule for every query): 迁出 → 原街镇; 新开业, 迁入 → 现街镇;
-- 停产, 关闭 → the 原街镇 or 现街镇 given, else the unit's town in its latest report on or before
-- `as_of` ('未识别' if none). A 迁出 whose 现街镇 is a town of the district is also a 迁入 of that
-- town, unless the 迁入 was sent as a row of its own (same unit, 原街镇 and 现街镇): a pair is never
-- counted twice. `in_roster`: the unit is in a report on or before `as_of`.
CREATE OR REPLACE MACRO placed_events(as_of) AS TABLE
    WITH roster_town AS (
        SELECT credit_code, arg_max(town, snapshot) AS roster_town
        FROM units
        WHERE snapshot <= as_of AND credit_code IN (SELECT credit_code FROM events)
        GROUP BY credit_code
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
             WHEN a.event IN ('新开业', '迁入') THEN a.to_town
             ELSE coalesce(nullif(a.from_town, '区外'), nullif(a.to_town, '区外'), r.roster_town, '未识别')
        END AS town,
        r.roster_town IS NOT NULL AS in_roster
    FROM all_events a LEFT JOIN roster_town r USING (credit_code);
