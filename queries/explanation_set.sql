-- explanation_set.sql — record (or replace) a town's explanation (说明) of one roster-check finding of a report.
-- Parameters: $r INTEGER (REPORT), $code VARCHAR (统一社会信用代码), $finding VARCHAR, $text VARCHAR, $by VARCHAR
INSERT OR REPLACE INTO explanations (report_id, credit_code, finding, text, explained_by, explained_at)
VALUES ($r, $code, $finding, $text, $by, now()::TIMESTAMP);
