-- target_views.sql — the three kinds of rows of the targets table (DATA-FORMAT.md, targets), as views in a
-- reading connection's in-memory catalog (unionboard.store._vocabulary), so every query says which it reads:
--   town_targets   the targets the district gave each town (no 村居园区, no 范围): the towns view, trend…
--   area_targets   the targets a town gave its villages, communities and parks (METRICS.md, "One level down")
--   scope_targets  targets about part of the units (METRICS.md, "Targets by industry, 两新组织, 世界500强 and
--                  buildings"); town is a town or 全区 (a target the district set for itself)
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.town_targets AS
SELECT year, town, indicator, target FROM db.main.targets WHERE area = '' AND scope = '' AND town <> '全区';
CREATE OR REPLACE VIEW memory.main.area_targets AS
SELECT year, town, area, indicator, target FROM db.main.targets WHERE area <> '' AND scope = '';
CREATE OR REPLACE VIEW memory.main.scope_targets AS
SELECT year, town, scope, indicator, target FROM db.main.targets WHERE scope <> '' AND area = '';
