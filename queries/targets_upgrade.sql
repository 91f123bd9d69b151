-- targets_upgrade.sql — give the targets table of a database written before area targets and scoped targets
-- (DATA-FORMAT.md, targets: 村居园区, 范围) its two new key columns, inside the writer's copy
-- (unionboard.store.transaction). Every existing row is a target the district gave a town: area = scope = ''.
-- Parameters: none
CREATE TABLE targets_upgraded (
    year       INTEGER NOT NULL,
    town       VARCHAR NOT NULL,
    area       VARCHAR NOT NULL DEFAULT '',
    scope      VARCHAR NOT NULL DEFAULT '',
    indicator  VARCHAR NOT NULL,
    target     DOUBLE NOT NULL,
    PRIMARY KEY (year, town, area, scope, indicator)
);
INSERT INTO targets_upgraded (year, town, area, scope, indicator, target)
SELECT year, town, '', '', indicator, target FROM targets;
DROP TABLE targets;
ALTER TABLE targets_upgraded RENAME TO targets;
