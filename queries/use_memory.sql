-- use_memory.sql — make the connection's in-memory catalog the default, the database second, so that
-- the vocabulary's macros and views (vocabulary.sql) are created there, where every cursor sees them.
-- Parameters: none
USE memory;
SET search_path = 'memory.main,db.main';
