-- town_dictionary.sql — the towns in dictionary order, with their aliases (names are matched through them).
-- Parameters: none
-- Columns: town, aliases
SELECT town, aliases FROM towns ORDER BY ord;
