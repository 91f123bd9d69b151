-- submissions.sql — 报送进度: has every town sent its monthly report, and on time? One row per
-- expected report date (each month end from the district's first report to the as-of report
-- date, and any other date a report was sent for) and town (dictionary order). 报送状态:
-- 按时 when received by the due day (报表日期 + due_days days), 逾期 when received later, 未报送
-- when none has been received and the due day has passed (the town's figures are carried
-- forward), 待报 while the due day has not come (METRICS.md, "Reporting").
-- Parameters: $snapshot DATE (the last report date shown), $today DATE (the clock),
--   $towns VARCHAR[]|NULL
-- Columns: 报表日期, 街镇, 报送状态, 截止日期, 报送时间, 报送人, 文件名, 单位数, 较上期变化
WITH due AS (
    SELECT coalesce((SELECT try_cast(value AS INTEGER) FROM settings WHERE key = 'due_days'), 5) AS days
),
bounds AS (
    SELECT min(snapshot) AS first FROM current_reports
),
dates AS (
    SELECT last_day(m)::DATE AS d
    FROM bounds, generate_series(date_trunc('month', first), date_trunc('month', $snapshot::DATE), INTERVAL 1 MONTH) g(m)
    WHERE first IS NOT NULL
    UNION
    SELECT DISTINCT snapshot FROM current_reports WHERE snapshot <= $snapshot
),
sel AS (
    SELECT ord, town FROM towns WHERE $towns IS NULL OR list_contains($towns, town)
),
reports_with_change AS (
    SELECT *, units - lag(units) OVER (PARTITION BY town ORDER BY snapshot) AS change
    FROM current_reports
)
SELECT d.d AS "报表日期", s.town AS "街镇",
    CASE WHEN r.import_id IS NOT NULL
         THEN CASE WHEN r.received_at::DATE <= d.d + due.days THEN '按时' ELSE '逾期' END
         WHEN $today::DATE <= d.d + due.days THEN '待报'
         ELSE '未报送' END                              AS "报送状态",
    (d.d + due.days)::DATE                             AS "截止日期",
    r.received_at                                      AS "报送时间",
    r.received_by                                      AS "报送人",
    r.file_name                                        AS "文件名",
    r.units::BIGINT                                    AS "单位数",
    r.change::BIGINT                                   AS "较上期变化"
FROM dates d CROSS JOIN sel s CROSS JOIN due
LEFT JOIN reports_with_change r ON r.snapshot = d.d AND r.town = s.town
ORDER BY d.d DESC, s.ord;  -- newest first (issue 22)
