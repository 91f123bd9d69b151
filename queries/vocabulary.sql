-- vocabulary.sql — the shared definitions of METRICS.md, as DuckDB macros and views that every
-- query in this folder uses, so that each rule is written once. unionboard.store creates them on
-- every connection (readers and writers), in the connection's in-memory catalog, after the view
-- `units` (the rows of the current reports).

-- 在营单位: 经营状态 is 在营 or 停产.
CREATE OR REPLACE MACRO is_active(status) AS status IN ('在营', '停产');

-- 已建会: 建会情况 is 单独建会 or 联合建会.
CREATE OR REPLACE MACRO has_union(union_form) AS union_form IN ('单独建会', '联合建会');

-- 重点单位 (the 重点未建会单位 list): 世界500强 and foreign-funded units (外资企业, 港澳台企业).
CREATE OR REPLACE MACRO is_key_unit(fortune500, unit_type) AS fortune500 OR unit_type IN ('外资企业', '港澳台企业');

-- 村(园区)工会联合会: federations of kind 村工会联合会 or 园区工会联合会.
CREATE OR REPLACE MACRO is_village_federation(kind) AS kind IN ('村工会联合会', '园区工会联合会');

-- Events by which a unit leaves a town's roster (关闭, 迁出) or joins one (新开业, 迁入).
CREATE OR REPLACE MACRO is_leaving(event) AS event IN ('关闭', '迁出');
CREATE OR REPLACE MACRO is_arriving(event) AS event IN ('新开业', '迁入');

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

-- 合计 (METRICS.md, "Rounding and totals"): a table by town (or by slice) ends with one total row whose
-- rates come from the summed counts. Every such query makes it the same way: GROUP BY GROUPING SETS
-- ((the row's columns), ()) over its rows, so the 合计 row is made by the same aggregates as each other
-- row (over one row, its own values); a column the 合计 has no value for (a rate target, a report date)
-- is one of the row's columns, and so stays empty there. GROUPING(label) = 1 is the query's is_total,
-- total_label names the row, and ORDER BY is_total, … puts it last.
CREATE OR REPLACE MACRO total_label(label, is_total) AS CASE WHEN is_total THEN '合计' ELSE label END;

-- The baseline day of a target year (新发展会员数 counts from the reports in force then).
CREATE OR REPLACE MACRO baseline_day(target_year) AS make_date(target_year - 1, 12, 31);

-- The reports a town has sent, one per (报表日期, 街镇): the current (not superseded) ones that the district
-- accepted (issue 25, METRICS.md "Review": a report 待审核 or 已退回 counts in no figure; the town's
-- accepted report stays in force until its replacement is accepted). received_reports (received_reports.sql)
-- holds every report received, in any state.
CREATE OR REPLACE VIEW current_reports AS
    SELECT * FROM received_reports WHERE superseded_by IS NULL AND review = '已通过';

-- The reports in force at a date: each town's latest report on or before it (METRICS.md, "The
-- as-of date and the towns' reports"). A town without one is 未报送 and has no row here.
CREATE OR REPLACE MACRO reports_in_force(as_of) AS TABLE
    SELECT town, max(snapshot) AS report_date
    FROM current_reports
    WHERE snapshot <= as_of
    GROUP BY town;

-- cells_in_force(as_of), formed_in_force(as_of): what the reports in force hold, counted; placed_events(as_of):
-- where an event belongs (vocabulary_reports.sql, created after this file).

-- The district's roster at a date: the rows of the report files in force then. The files are picked
-- by reports_in_force (queries/roster_files.sql, run by unionboard.views.resolve) and passed to each
-- view as $roster_files (at the as-of date) and $baseline_files (at the baseline day), so a view reads
-- those reports only, never the whole history.
CREATE OR REPLACE MACRO roster(files) AS TABLE
    SELECT * FROM read_parquet(files);

-- 名册变动核对 (METRICS.md, "Roster check between reports"): every unit whose report changed at the
-- report date `as_of`, compared district-wide by 统一社会信用代码 between `before` (each town's latest
-- report before `as_of`) and `now` (the reports in force at `as_of`), against the events dated after
-- the earlier report and up to `as_of`. Only towns with a report dated `as_of` (and an earlier one) are
-- checked: a town carried forward has no findings, a town's first report has nothing to compare with.
-- A finding belongs to the checked town whose report shows it (for a move: the new town when it
-- reported, else the old one). One row per (finding, unit); a unit may have several findings.
-- 会员锐减 counts units still 在营/停产 (a closure is 单位消失 or the roster's own 关闭) that keep their
-- union in both reports (a union that is gone is 工会断线 or explained by its event; issue 23).
-- `now_files` and `before_files`: the report files in force at `as_of` and the day before it.
CREATE OR REPLACE MACRO roster_findings(as_of, now_files, before_files) AS TABLE
    WITH fresh AS (
        -- the towns whose report in `now_files` is dated `as_of` (a report not yet imported counts too:
        -- the upload preview checks a file before it is confirmed), with their previous report
        SELECT n.town, max(p.snapshot) AS prev_date
        FROM (SELECT DISTINCT town FROM roster(now_files) WHERE snapshot = as_of) n
        LEFT JOIN current_reports p ON p.town = n.town AND p.snapshot < as_of
        GROUP BY n.town
    ),
    pairs AS (
        SELECT coalesce(n.credit_code, b.credit_code) AS credit_code, coalesce(n.name, b.name) AS name,
            b.town AS b_town, b.snapshot AS b_date, b.status AS b_status, b.union_form AS b_form,
            b.employees AS b_employees, b.members AS b_members,
            n.town AS n_town, n.snapshot AS n_date, n.status AS n_status, n.union_form AS n_form,
            n.employees AS n_employees, n.members AS n_members,
            CASE WHEN n.snapshot = as_of THEN n.town ELSE b.town END AS town
        FROM roster(before_files) b
        FULL JOIN roster(now_files) n USING (credit_code)
        WHERE n.snapshot = as_of OR b.town IN (SELECT town FROM fresh)
    ),
    checked AS (
        -- pairs of checked towns; the events window opens at the earlier report (or the town's previous one)
        SELECT p.*, f.prev_date, coalesce(p.b_date, f.prev_date) AS since
        FROM pairs p JOIN fresh f USING (town)
        WHERE f.prev_date IS NOT NULL
          AND (p.b_date IS DISTINCT FROM p.n_date OR p.b_town IS DISTINCT FROM p.n_town)
    ),
    seen AS (
        SELECT c.credit_code,
            bool_or(is_leaving(e.event))                                        AS closed_or_left,
            bool_or(is_arriving(e.event))                                       AS opened_or_came,
            bool_or(e.event = '迁出' AND e.from_town = c.b_town
                    OR e.event = '迁入' AND e.to_town = c.n_town)                AS move_reported,
            bool_or(e.union_action IN ('撤销', '转移接续'))                       AS union_handled,
            string_agg(strftime(e.date, '%Y-%m-%d') || ' ' || e.event || '（' || e.union_action || '）', '；'
                       ORDER BY e.date, e.event)                               AS events
        FROM checked c JOIN events e ON e.credit_code = c.credit_code AND e.date > c.since AND e.date <= as_of
        GROUP BY c.credit_code
    ),
    flagged AS (
        SELECT c.*, s.events,
            is_active(c.b_status) AND c.n_town IS NULL AND NOT coalesce(s.closed_or_left, false)       AS vanished,
            c.n_date = as_of AND c.n_status = '在营'
                AND (c.b_town IS NULL OR (c.b_town = c.n_town AND NOT is_active(c.b_status)))
                AND NOT coalesce(s.opened_or_came, false)                                          AS appeared,
            has_union(c.b_form) AND (c.n_town IS NULL OR c.n_form = '未建会')
                AND NOT coalesce(s.union_handled, false)                                           AS union_lost,
            c.n_town IS NOT NULL AND is_active(c.n_status) AND has_union(c.b_form) AND has_union(c.n_form)
                AND c.b_members - c.n_members >= 10 AND (c.b_members - c.n_members) * 10 >= 3 * c.b_members AS members_fell,
            c.b_town IS NOT NULL AND c.n_town IS NOT NULL AND c.b_town <> c.n_town
                AND NOT coalesce(s.move_reported, false)                                           AS moved_unreported
        FROM checked c LEFT JOIN seen s USING (credit_code)
    )
    SELECT f.*, x.ord AS finding_ord, x.finding
    FROM flagged f
    JOIN (VALUES (1, '单位消失未报动态'), (2, '新增单位未报动态'), (3, '工会断线'), (4, '会员锐减'), (5, '街镇变更未报'))
         x(ord, finding)
      ON (x.ord = 1 AND f.vanished) OR (x.ord = 2 AND f.appeared) OR (x.ord = 3 AND f.union_lost)
      OR (x.ord = 4 AND f.members_fell) OR (x.ord = 5 AND f.moved_unreported);

-- issue 25 (说明): which report each checked town's findings belong to — the town's report dated `as_of` among
-- `now_files` (an accepted report in force, or one waiting for review standing in for it); the towns'
-- explanations (schema.sql, explanations) are kept by that report. A file not yet imported (the upload
-- preview) has no report and so no explanation yet.
CREATE OR REPLACE MACRO checked_reports(as_of, now_files) AS TABLE
    SELECT r.town, r.report_id FROM received_reports r
    WHERE r.snapshot = as_of AND list_contains(now_files, (SELECT reports_dir FROM store_info) || '/' || r.file);
