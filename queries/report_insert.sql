-- report_insert.sql — list a report just written to its file: who sent it, when, from which file, its review
-- state (issue 25: 已通过 at once, or 待审核 until a 管理员 decides) and what reading it noticed.
-- Parameters: $id INTEGER, $s DATE, $t VARCHAR, $file VARCHAR (its file in the reports folder), $n INTEGER
--   (units), $at TIMESTAMP (received), $by VARCHAR, $fn VARCHAR (the file it came from), $replaced INTEGER|NULL,
--   $review VARCHAR (已通过 / 待审核), $notes VARCHAR|NULL (reading notices and warnings, a line each)
-- Columns: report_id (the new report's REPORT id)
INSERT INTO reports (import_id, snapshot, town, file, units, received_at, received_by, file_name, replaced, review, notes)
VALUES ($id, $s, $t, $file, $n, $at, $by, $fn, $replaced, $review, $notes)
RETURNING report_id;
