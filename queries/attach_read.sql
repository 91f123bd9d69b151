-- attach_read.sql — open the database file for reading (unionboard.store.connect_read, and migrate): attached
-- READ_ONLY to an in-memory DuckDB, so a reader keeps the inode it opened (docs/architecture.md, "How imports stay atomic").
-- Parameters: none
-- Placeholders (unionboard.sql.fill; the database path is the operator's configuration, never a user value):
--   {{path}}  the database file
ATTACH {{path}} AS db (READ_ONLY);
