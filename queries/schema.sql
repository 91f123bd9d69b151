-- schema.sql: the tables of a unionboard database.
-- One row per imported record; every import goes through unionboard.importer.
-- Units are stored per snapshot (报表日期); everything else is a dictionary or a log.

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

CREATE TABLE IF NOT EXISTS units (
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

CREATE TABLE IF NOT EXISTS targets (
    year       INTEGER NOT NULL,
    town       VARCHAR NOT NULL,
    indicator  VARCHAR NOT NULL,
    target     DOUBLE NOT NULL,
    PRIMARY KEY (year, town, indicator)
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
