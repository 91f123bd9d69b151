-- template_federations.sql — the federations a template's 所属联合会 dropdown offers: a town's, or all.
-- Parameters: $town VARCHAR|NULL
-- Columns: federation
SELECT federation FROM federations WHERE $town IS NULL OR town = $town ORDER BY federation;
