-- template_buildings.sql — the buildings a template's 楼宇名称 dropdown offers: a town's, or all.
-- Parameters: $town VARCHAR|NULL
-- Columns: building
SELECT DISTINCT building FROM buildings WHERE $town IS NULL OR town = $town ORDER BY building;
