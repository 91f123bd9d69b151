-- legacy_report_row.sql — list one converted report of a first-release database (see store.py).
-- Received: the time of the last accepted units import whose history line names that date, else
-- the report date itself.
-- Parameters: $s DATE, $t VARCHAR, $file VARCHAR, $rows INTEGER
INSERT INTO db.reports (import_id, snapshot, town, file, units, received_at, received_by, file_name)
SELECT 0, $s, $t, $file, $rows,
       coalesce((SELECT max(imported_at) FROM db.imports
                 WHERE result = 'imported' AND kind LIKE '%units%' AND contains(detail, strftime($s, '%Y-%m-%d'))),
                $s::TIMESTAMP),
       (SELECT arg_max(imported_by, imported_at) FROM db.imports
         WHERE result = 'imported' AND kind LIKE '%units%' AND contains(detail, strftime($s, '%Y-%m-%d'))),
       NULL;
