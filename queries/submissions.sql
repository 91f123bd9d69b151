-- submissions.sql — 报送进度: has every town sent its monthly report, and on time? One row per
-- expected report date (each month end from the district's first report to the as-of report
-- date, and any other date a report was sent for) and town (dictionary order). 报送状态:
-- 按时 when received by the due day (报表日期 + due_days days), 逾期 when received later, 未报送
-- when none has been received and the due day has passed (the town's figures are carried
-- forward), 待报 while the due day has not come (METRICS.md, "Reporting").
-- Issue 25: timeliness is judged by the FIRST report received for the date and town (a correction asked for
-- does not make a town late; a report withdrawn by a rollback was never received); the report shown is the
-- latest received that is still current, in any review state (a correction waiting for review beside the
-- accepted report it would replace), with its 审核状态 (待审核 / 已退回 / 已通过), who decided, when, and why
-- it was returned.
-- Parameters: $snapshot DATE (the last report date shown), $today DATE (the clock),
--   $towns VARCHAR[]|NULL
-- Columns: 报表日期, 街镇, 报送状态, 截止日期, 报送时间, 报送人, 文件名, 单位数, 较上期变化, 审核状态, 退回原因,
--   审核人, 审核时间, 首次报送时间
WITH due AS (
    SELECT coalesce((SELECT try_cast(value AS INTEGER) FROM settings WHERE key = 'due_days'), 5) AS days
),
received AS (
    -- every report received, but those a rollback withdrew
    SELECT r.* FROM received_reports r
    WHERE r.superseded_by IS NULL OR r.superseded_by NOT IN (SELECT id FROM imports WHERE kind = 'rollback')
),
first_received AS (
    SELECT snapshot, town, min(received_at) AS first_at FROM received GROUP BY ALL
),
bounds AS (
    SELECT min(snapshot) AS first FROM received
),
dates AS (
    SELECT last_day(m)::DATE AS d
    FROM bounds, generate_series(date_trunc('month', first), date_trunc('month', $snapshot::DATE), INTERVAL 1 MONTH) g(m)
    WHERE first IS NOT NULL
    UNION
    SELECT DISTINCT snapshot FROM received WHERE snapshot <= $snapshot
),
sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
shown AS (
    SELECT * FROM received_reports WHERE superseded_by IS NULL
    QUALIFY row_number() OVER (PARTITION BY snapshot, town ORDER BY received_at DESC, import_id DESC) = 1
),
reports_with_change AS (
    -- against the town's previous accepted report (an earlier date)
    SELECT s.*, fr.first_at,
           s.units - (SELECT arg_max(c.units, c.snapshot) FROM current_reports c
                      WHERE c.town = s.town AND c.snapshot < s.snapshot) AS change
    FROM shown s JOIN first_received fr USING (snapshot, town)
)
SELECT d.d AS "报表日期", s.town AS "街镇",
    CASE WHEN r.import_id IS NOT NULL
         THEN CASE WHEN r.first_at::DATE <= d.d + due.days THEN '按时' ELSE '逾期' END
         WHEN $today::DATE <= d.d + due.days THEN '待报'
         ELSE '未报送' END                              AS "报送状态",
    (d.d + due.days)::DATE                             AS "截止日期",
    r.received_at                                      AS "报送时间",
    r.received_by                                      AS "报送人",
    r.file_name                                        AS "文件名",
    r.units::BIGINT                                    AS "单位数",
    r.change::BIGINT                                   AS "较上期变化",
    r.review                                           AS "审核状态",
    r.reason                                           AS "退回原因",
    r.decided_by                                       AS "审核人",
    r.decided_at                                       AS "审核时间",
    r.first_at                                         AS "首次报送时间"
FROM dates d CROSS JOIN sel s CROSS JOIN due
LEFT JOIN reports_with_change r ON r.snapshot = d.d AND r.town = s.town
ORDER BY d.d DESC, s.ord;  -- newest first (issue 22)
