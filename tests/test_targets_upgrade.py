"""A database written before area and scoped targets (targets keyed by 年度, 街镇, 指标) reads the same until its
next write, which gives the table its 村居园区 and 范围 key columns and keeps every target."""
from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import load
from unionboard.views import Filters, get_view

OLD_TARGETS = """
DROP TABLE targets;
CREATE TABLE targets (year INTEGER NOT NULL, town VARCHAR NOT NULL, indicator VARCHAR NOT NULL,
                      target DOUBLE NOT NULL, PRIMARY KEY (year, town, indicator));
INSERT INTO targets VALUES (2015, '安亭镇', '新建会单位数', 6), (2015, '安亭镇', '新发展会员数', 100);
"""


def targets_of(db: Path) -> list[tuple]:
    """The stored targets, every column."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * FROM targets ORDER BY ALL").fetchall()


def towns_targets(db: Path) -> tuple:
    """安亭镇's two count targets as the towns view reads them at the fixture's report date."""
    rows = get_view(db, "towns", Filters(as_of=None, towns=["安亭镇"])).rows
    return rows["新建会单位数目标"].iloc[0], rows["新发展会员数目标"].iloc[0]


def test_old_targets_read_then_upgrade_on_next_write(fixture_db: Path) -> None:
    with duckdb.connect(str(fixture_db)) as con:
        con.execute(OLD_TARGETS)
    assert towns_targets(fixture_db) == (6, 100)  # read through target_views_fallback.sql
    load(fixture_db, "targets", "年度,街镇,指标,目标值\n2015,马陆镇,新建会单位数,3\n")
    assert targets_of(fixture_db) == [(2015, "安亭镇", "", "", "新发展会员数", 100.0),
                                      (2015, "安亭镇", "", "", "新建会单位数", 6.0),
                                      (2015, "马陆镇", "", "", "新建会单位数", 3.0)]
    assert towns_targets(fixture_db) == (6, 100)
