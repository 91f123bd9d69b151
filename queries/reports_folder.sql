-- reports_folder.sql — where this connection's report files are (store_info.sql), to name one report's file.
-- Parameters: none
-- Columns: reports_dir
SELECT reports_dir FROM store_info;
