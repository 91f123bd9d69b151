-- context_buildings.sql — the buildings an import may refer to (a unit's or a federation's 楼宇名称 must be a
-- known building of its town).
-- Parameters: none
-- Columns: town, building
SELECT town, building FROM buildings;
