-- detach_write.sql — after the writer's COMMIT: write everything into the copy's file and close it, so
-- that it can be fsynced and renamed over the database (unionboard.store.transaction).
-- Parameters: none
CHECKPOINT db;
USE memory;
DETACH db;
