-- town_reports.sql — a town's reports as it follows them (数据管理, issue 25): every report it sent that is
-- still current (in force, waiting, returned, or accepted and waiting to replace nothing), newest first,
-- with its review state, who decided and when, and why it was returned.
-- Parameters: $town VARCHAR
-- Columns: 报表编号, 报表日期, 报送时间, 报送人, 文件名, 单位数, 审核状态, 审核人, 审核时间, 退回原因
SELECT r.report_id AS "报表编号", r.snapshot AS "报表日期", r.received_at AS "报送时间", r.received_by AS "报送人",
       r.file_name AS "文件名", r.units::BIGINT AS "单位数", r.review AS "审核状态", r.decided_by AS "审核人",
       r.decided_at AS "审核时间", r.reason AS "退回原因"
FROM received_reports r
WHERE r.town = $town AND r.superseded_by IS NULL
ORDER BY r.snapshot DESC, r.received_at DESC;
