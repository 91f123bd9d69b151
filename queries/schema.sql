-- schema.sql: the tables of a unionboard database.
-- One row per imported record; every import goes through unionboard.importer.
-- Units arrive as reports (one town, one 报表日期), stored as files; everything else is a
-- dictionary or a log.

CREATE TABLE IF NOT EXISTS towns (
    ord      INTEGER NOT NULL,          -- dictionary order (display order)
    town     VARCHAR PRIMARY KEY,       -- 街镇
    kind     VARCHAR,                   -- 镇 / 街道 / 工业区 / 新区
    aliases  VARCHAR[] NOT NULL         -- 别名
);

CREATE TABLE IF NOT EXISTS buildings (
    town      VARCHAR NOT NULL,
    building  VARCHAR NOT NULL,
    PRIMARY KEY (town, building)
);

CREATE TABLE IF NOT EXISTS federations (
    federation       VARCHAR PRIMARY KEY,
    kind             VARCHAR NOT NULL,
    town             VARCHAR NOT NULL,
    area             VARCHAR,
    building         VARCHAR,
    founded          DATE NOT NULL,
    fulltime_cadres  INTEGER NOT NULL
);

-- The columns of a units report row. Never holds rows: each report (one town, one 报表日期) is an
-- immutable Parquet file in the reports folder beside the database (see docs/architecture.md, "How imports stay
-- atomic"); readers see the current reports through the view `units` (unionboard.store).
CREATE TABLE IF NOT EXISTS units_layout (
    snapshot         DATE NOT NULL,
    credit_code      VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    town             VARCHAR NOT NULL,
    area             VARCHAR,
    building         VARCHAR,
    industry         VARCHAR NOT NULL,
    unit_type        VARCHAR NOT NULL,
    fortune500       BOOLEAN NOT NULL,
    employees        INTEGER NOT NULL,
    migrant_workers  INTEGER NOT NULL,
    status           VARCHAR NOT NULL,
    union_form       VARCHAR NOT NULL,
    federation       VARCHAR,
    union_date       DATE,
    members          INTEGER NOT NULL,
    migrant_members  INTEGER NOT NULL
);

-- Every units report received: one row per (import, 报表日期, 街镇). The current report of a
-- (报表日期, 街镇) is the one not superseded (a later report of that pair, or a rollback).
CREATE TABLE IF NOT EXISTS reports (
    import_id      INTEGER NOT NULL,    -- the import that brought it (imports.id)
    snapshot       DATE NOT NULL,       -- 报表日期
    town           VARCHAR NOT NULL,    -- 街镇 (canonical name)
    file           VARCHAR NOT NULL,    -- Parquet file in the reports folder (made by unionboard, never a user value)
    units          INTEGER NOT NULL,    -- rows (units) in the report
    received_at    TIMESTAMP NOT NULL,  -- when it was received (import time, or --received)
    received_by    VARCHAR,             -- who imported it
    file_name      VARCHAR,             -- the file it came from
    replaced       INTEGER,             -- import_id of the report it replaced (NULL: the first for that pair)
    superseded_by  INTEGER,             -- import (or rollback) id that replaced it; NULL while current
    PRIMARY KEY (import_id, snapshot, town)
);

-- What each report holds, counted once when it arrives (reports never change), by every dimension a
-- view slices by (行业类别, 单位类型, 世界500强, 职工人数 ≥ 25): the stock counts, and the units with a
-- union by the year it was formed. The towns, the slices, the key rates, the trend and the list of
-- report dates read these few rows instead of the reports' units (docs/performance.md).
CREATE TABLE IF NOT EXISTS report_cells (
    import_id        INTEGER NOT NULL,
    snapshot         DATE NOT NULL,
    town             VARCHAR NOT NULL,
    industry         VARCHAR NOT NULL,
    unit_type        VARCHAR NOT NULL,
    fortune500       BOOLEAN NOT NULL,
    size25           BOOLEAN NOT NULL,   -- 职工人数 ≥ 25
    units            INTEGER NOT NULL,   -- rows, any 经营状态
    active           INTEGER NOT NULL,   -- 在营单位数
    unionised        INTEGER NOT NULL,   -- 已建会单位数
    employees        BIGINT NOT NULL,    -- sums over 在营单位
    members          BIGINT NOT NULL,
    migrants         BIGINT NOT NULL,
    migrant_members  BIGINT NOT NULL,
    PRIMARY KEY (import_id, snapshot, town, industry, unit_type, fortune500, size25)
);
CREATE TABLE IF NOT EXISTS report_formed (
    import_id   INTEGER NOT NULL,
    snapshot    DATE NOT NULL,
    town        VARCHAR NOT NULL,
    industry    VARCHAR NOT NULL,
    unit_type   VARCHAR NOT NULL,
    fortune500  BOOLEAN NOT NULL,
    size25      BOOLEAN NOT NULL,
    union_year  INTEGER NOT NULL,        -- the year of 建会日期
    units       INTEGER NOT NULL,        -- units of any 经营状态 with a union formed that year
    PRIMARY KEY (import_id, snapshot, town, industry, unit_type, fortune500, size25, union_year)
);

-- Where the units that have events were seen: each report's rows of units whose 统一社会信用代码 is in
-- events (written with the report, rebuilt when events change). Where an event belongs (placed_events,
-- vocabulary.sql) looks a unit's town up here instead of in every report's units.
CREATE TABLE IF NOT EXISTS event_sightings (
    import_id    INTEGER NOT NULL,
    snapshot     DATE NOT NULL,
    town         VARCHAR NOT NULL,
    credit_code  VARCHAR NOT NULL
);

-- District settings (e.g. due_days: a report is 按时 when received by 报表日期 + due_days).
CREATE TABLE IF NOT EXISTS settings (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

-- 年度目标 (目标责任书), one row per (年度, 街镇, 村居园区, 范围, 指标). area and scope are '' (never NULL: they
-- are part of the key) for the target the district gave a town; area: the target a town gave one of its
-- 村居园区; scope: a target about part of the units (a 行业类别, 新经济组织/新社会组织, 世界500强, 商务楼宇),
-- town 全区 for a target the district set for itself. Read through the views of target_views.sql.
CREATE TABLE IF NOT EXISTS targets (
    year       INTEGER NOT NULL,
    town       VARCHAR NOT NULL,        -- a town of the dictionary, or 全区 (only with a scope)
    area       VARCHAR NOT NULL DEFAULT '',
    scope      VARCHAR NOT NULL DEFAULT '',
    indicator  VARCHAR NOT NULL,
    target     DOUBLE NOT NULL,
    PRIMARY KEY (year, town, area, scope, indicator)
);

CREATE TABLE IF NOT EXISTS events (
    date                 DATE NOT NULL,
    credit_code          VARCHAR NOT NULL,
    name                 VARCHAR NOT NULL,
    event                VARCHAR NOT NULL,
    from_town            VARCHAR,
    to_town              VARCHAR,
    union_action         VARCHAR NOT NULL,
    members_affected     INTEGER,
    members_transferred  INTEGER
);

CREATE TABLE IF NOT EXISTS training (
    start      DATE NOT NULL,
    "end"      DATE NOT NULL,
    place      VARCHAR,
    organiser  VARCHAR NOT NULL,
    town       VARCHAR NOT NULL,
    audience   VARCHAR NOT NULL,
    trainees   INTEGER NOT NULL
);

-- Every import, accepted or refused.
CREATE TABLE IF NOT EXISTS imports (
    id         INTEGER PRIMARY KEY,
    imported_at TIMESTAMP NOT NULL,
    kind       VARCHAR NOT NULL,
    file_name  VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    rows       INTEGER NOT NULL,
    result     VARCHAR NOT NULL,        -- imported / refused
    detail     VARCHAR                  -- what was added, or the first problems
);
-- who imported (added after the first release; older databases get the column here)
ALTER TABLE imports ADD COLUMN IF NOT EXISTS imported_by VARCHAR;

-- issue 25 (审核, 说明): a report's review state and the towns' explanations of its roster-check findings
-- (METRICS.md "Review"). Older databases get the columns here; their reports are accepted (已通过), each
-- gets its id (REPORT in CLI.md) from the sequence.
CREATE SEQUENCE IF NOT EXISTS report_ids START 1;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS report_id INTEGER DEFAULT nextval('report_ids');  -- REPORT
ALTER TABLE reports ADD COLUMN IF NOT EXISTS review VARCHAR DEFAULT '已通过';  -- 待审核 / 已退回 / 已通过
ALTER TABLE reports ADD COLUMN IF NOT EXISTS decided_by VARCHAR;              -- who accepted or returned it
ALTER TABLE reports ADD COLUMN IF NOT EXISTS decided_at TIMESTAMP;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS reason VARCHAR;                  -- why it was returned
ALTER TABLE reports ADD COLUMN IF NOT EXISTS decision INTEGER;                -- the decision's line in imports
ALTER TABLE reports ADD COLUMN IF NOT EXISTS notes VARCHAR;                   -- reading notices and warnings, a line each
-- A town's explanation (说明) of one finding of one of its reports: 已说明 with a row, 待说明 without.
CREATE TABLE IF NOT EXISTS explanations (
    report_id     INTEGER NOT NULL,   -- reports.report_id
    credit_code   VARCHAR NOT NULL,
    finding       VARCHAR NOT NULL,   -- 核对项 as named in METRICS.md
    text          VARCHAR NOT NULL,
    explained_by  VARCHAR,
    explained_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, credit_code, finding)
);
-- (issue 24) What each report holds by 村居园区 (METRICS.md, "One level down"), counted once when it arrives like
-- report_cells: per (report, 村居园区 — '' for units without one —, 行业类别) the stock counts, and the units with a
-- union by the year it was formed. area-progress and area-status read these few rows, never the reports' units.
CREATE TABLE IF NOT EXISTS report_area_cells (
    import_id        INTEGER NOT NULL,
    snapshot         DATE NOT NULL,
    town             VARCHAR NOT NULL,
    area             VARCHAR NOT NULL,   -- '' for the units without a 村居园区
    industry         VARCHAR NOT NULL,
    units            INTEGER NOT NULL,   -- rows, any 经营状态
    active           INTEGER NOT NULL,
    unionised        INTEGER NOT NULL,
    employees        BIGINT NOT NULL,    -- sums over 在营单位
    members          BIGINT NOT NULL,
    migrants         BIGINT NOT NULL,
    migrant_members  BIGINT NOT NULL,
    PRIMARY KEY (import_id, snapshot, town, area, industry)
);
CREATE TABLE IF NOT EXISTS report_area_formed (
    import_id   INTEGER NOT NULL,
    snapshot    DATE NOT NULL,
    town        VARCHAR NOT NULL,
    area        VARCHAR NOT NULL,
    industry    VARCHAR NOT NULL,
    union_year  INTEGER NOT NULL,
    units       INTEGER NOT NULL,
    PRIMARY KEY (import_id, snapshot, town, area, industry, union_year)
);
