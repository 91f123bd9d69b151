-- attach_write.sql — open the writer's copy of the database (unionboard.store.transaction) and make it
-- the default catalog.
-- Parameters: none
-- Placeholders (unionboard.sql.fill; a temporary file the code made beside the database):
--   {{path}}  the copy
ATTACH {{path}} AS db;
USE db;
