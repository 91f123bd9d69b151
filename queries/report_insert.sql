-- report_insert.sql — list a report just written to its file: who sent it, when, from which file.
-- Parameters: $id INTEGER, $s DATE, $t VARCHAR, $file VARCHAR (its file in the reports folder), $n INTEGER
--   (units), $at TIMESTAMP (received), $by VARCHAR, $fn VARCHAR (the file it came from), $replaced INTEGER|NULL
INSERT INTO reports (import_id, snapshot, town, file, units, received_at, received_by, file_name, replaced)
VALUES ($id, $s, $t, $file, $n, $at, $by, $fn, $replaced);
