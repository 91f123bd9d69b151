-- context_federations.sql — the federations an import may refer to (a unit's 所属联合会).
-- Parameters: none
-- Columns: federation
SELECT federation FROM federations;
