-- memory_limit.sql — bound the memory a connection's DuckDB keeps (beyond it, it spills to disk): the
-- writer's copy ($UNIONBOARD_DUCKDB_MEMORY) and the staging database ($UNIONBOARD_STAGE_MEMORY).
-- Parameters: $limit VARCHAR (e.g. '512MB')
SET memory_limit = $limit;
