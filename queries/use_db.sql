-- use_db.sql — make the attached database the default catalog, the in-memory one (the vocabulary and the
-- view `units`) second: for a connection once prepared, and for every cursor (USE and the search path
-- are per cursor). Report files are read again and again: their metadata is kept cached.
-- Parameters: none
USE db;
SET search_path = 'db.main,memory.main';
SET parquet_metadata_cache = true;
