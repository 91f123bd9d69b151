-- record_import.sql — one line of the import history: an import accepted or refused, a rollback, a setting.
-- Parameters: $id INTEGER, $kind VARCHAR, $file VARCHAR (the file's name), $sha VARCHAR, $rows INTEGER,
--   $result VARCHAR (imported / refused / rollback / setting), $detail VARCHAR, $user VARCHAR
INSERT INTO imports (id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by)
VALUES ($id, now()::TIMESTAMP, $kind, $file, $sha, $rows, $result, $detail, $user);
