-- target_views_fallback.sql — target_views.sql for a database written before the 村居园区 and 范围 columns
-- (targets_scoped_present.sql): every row is a target the district gave a town; there are no area or scoped
-- targets until the next write upgrades the table (targets_upgrade.sql).
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.town_targets AS
SELECT year, town, indicator, target FROM db.main.targets;
CREATE OR REPLACE VIEW memory.main.area_targets AS
SELECT year, town, ''::VARCHAR AS area, indicator, target FROM db.main.targets WHERE false;
CREATE OR REPLACE VIEW memory.main.scope_targets AS
SELECT year, town, ''::VARCHAR AS scope, indicator, target FROM db.main.targets WHERE false;
