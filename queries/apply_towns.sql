-- apply_towns.sql — write an accepted towns file (the relation `incoming`): a town already in the
-- dictionary takes the file's 别名, and its 类型 where the file gives one; a new town is added after
-- the others (dictionary order), in the order of the file.
-- Parameters: none
-- Columns: merge_action — INSERT for a town added, UPDATE for a town already there
MERGE INTO towns
USING (
    SELECT i.*, n.ord
    FROM incoming i
    LEFT JOIN (SELECT town, (SELECT coalesce(max(ord), 0) FROM towns) + row_number() OVER () AS ord
               FROM incoming WHERE town NOT IN (SELECT town FROM towns)) n USING (town)
) AS i
ON towns.town = i.town
WHEN MATCHED THEN UPDATE SET kind = coalesce(i.kind, towns.kind), aliases = i.aliases
WHEN NOT MATCHED THEN INSERT VALUES (i.ord, i.town, i.kind, i.aliases)
RETURNING merge_action;
