-- store_info.sql — where the connection's report files are (the reports folder beside the database), for
-- the queries that list report files (roster_files.sql); in the in-memory catalog.
-- Parameters: $folder VARCHAR (the reports folder, absolute)
CREATE OR REPLACE TABLE memory.main.store_info AS SELECT $folder AS reports_dir;
