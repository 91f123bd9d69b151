-- received_reports_fallback.sql — received_reports.sql for a database written before reports carried their
-- review state (review_columns_present.sql): every report accepted, none with an id or a decision.
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.received_reports AS
    SELECT *, NULL::INTEGER AS report_id, '已通过' AS review, NULL::VARCHAR AS decided_by,
           NULL::TIMESTAMP AS decided_at, NULL::VARCHAR AS reason, NULL::INTEGER AS decision, NULL::VARCHAR AS notes
    FROM db.main.reports;
CREATE OR REPLACE VIEW memory.main.explanations AS
    SELECT NULL::INTEGER AS report_id, NULL::VARCHAR AS credit_code, NULL::VARCHAR AS finding, NULL::VARCHAR AS text,
           NULL::VARCHAR AS explained_by, NULL::TIMESTAMP AS explained_at
    WHERE false;
