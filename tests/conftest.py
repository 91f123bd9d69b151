"""Shared fixtures: small databases built through the real importer from CSV texts."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unionboard.importer import create_database, import_bytes  # noqa: E402

# Valid credit codes (GB 32100-2015 check digits), see test_creditcode.py
A1, A2, A3, A4, A5 = ("91310114000000001D", "91310114000000002G", "91310114000000003K",
                      "91310114000000004N", "91310114000000005R")
J1, J2 = "91310114000000006W", "913101140000000070"

UNITS_HEADER = ("统一社会信用代码,单位名称,街镇,村居园区,楼宇名称,行业类别,单位类型,世界500强,职工人数,农民工人数,"
                "经营状态,建会情况,所属联合会,建会日期,会员人数,农民工会员数")

# The hand-computed fixture (numbers worked out in test_towns_view.py).
FEDERATIONS = """联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数
安亭红星村工会联合会,村工会联合会,安亭,红星村,,2015-02-01,1
嘉亭荟楼宇工会联合会,楼宇工会联合会,安亭镇,,嘉亭荟,2015-07-15,0
"""
BUILDINGS = "楼宇名称,街镇\n嘉亭荟,安亭镇\n"
UNITS_2014 = f"""{UNITS_HEADER}
{A1},甲公司,安亭镇,红星村,,制造业,民营企业,否,100,40,在营,单独建会,,2010-01-01,80,30
{A2},乙公司,安亭镇,红星村,嘉亭荟,现代服务业,外资企业,否,10,5,在营,未建会,,,0,0
{J1},丙公司,嘉定镇街道,,,现代服务业,国有企业,否,50,0,在营,单独建会,,2012-05-01,50,0
"""
UNITS_2015 = f"""{UNITS_HEADER}
{A1},甲公司,安亭镇,红星村,,制造业,民营企业,否,100,40,在营,单独建会,,2010-01-01,90,35
{A2},乙公司,安亭镇,红星村,嘉亭荟,现代服务业,外资企业,否,10,5,在营,联合建会,安亭红星村工会联合会,2015-03-10,8,4
{A3},丁公司,安亭镇,,,高新技术产业,民营企业,是,30,0,在营,单独建会,,2015-06-30,30,0
{A4},戊公司,安亭镇,,,制造业,民营企业,否,20,0,关闭,单独建会,,2015-02-01,20,0
{A5},己公司,安亭镇,,,建筑业,港澳台企业,否,25,0,停产,未建会,,,0,0
{J1},丙公司,嘉定镇街道,,,现代服务业,国有企业,否,50,0,在营,单独建会,,2012-05-01,45,0
{J2},庚协会,嘉定镇街道,,,其他,社会组织,否,0,0,在营,未建会,,,0,0
"""
TARGETS = """年度,街镇,指标,目标值
2015,安亭镇,新建会单位数,6
2015,安亭镇,新发展会员数,100
2015,安亭镇,村(园区)工会联合会数,2
2015,安亭镇,建会率,80
"""
EVENTS = f"""日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数
2015-01-05,{A3},丁公司,新开业,,安亭镇,无工会,,
2015-02-20,{A4},戊公司,关闭,,,撤销,20,5
2015-03-02,{A5},己公司,停产,安亭,,无工会,,
2015-04-10,{J1},丙公司,迁出,嘉定镇,区外,转移接续,10,10
2015-04-18,{A2},乙公司,迁入,区外,安亭,无工会,,
2014-11-30,{A1},甲公司,停产,安亭,,保留,,
"""
TRAINING = """开始日期,结束日期,地点,主办单位,参训街镇,培训对象,参训人数
2015-03-16,2015-03-18,区总工会培训中心,区总工会,安亭镇,村(园区)工会主席,3
2015-03-16,2015-03-18,区总工会培训中心,区总工会,嘉定镇街道,村(园区)工会主席,2
2015-05-06,2015-05-06,安亭社区学校,安亭镇,安亭镇,企业工会主席,12
2015-08-01,2015-08-02,区工人文化宫,区总工会,安亭镇,工会干部,7
"""


def load(db: Path, kind: str, text: str, **kw: object) -> None:
    """Import a CSV text and fail the test loudly if it is refused."""
    r = import_bytes(db, text.encode("utf-8"), f"{kind}.csv", kind, **kw)
    assert r.ok, [p.line() for p in r.problems]


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A database holding only the town dictionary."""
    db = tmp_path / "t.duckdb"
    create_database(db)
    return db


@pytest.fixture
def fixture_db(empty_db: Path) -> Path:
    """The small hand-computed district: two snapshots, targets, events, training."""
    return build_fixture(empty_db)


def build_fixture(db: Path) -> Path:
    """Import the hand-computed district into a database holding the town dictionary."""
    load(db, "buildings", BUILDINGS)
    load(db, "federations", FEDERATIONS)
    load(db, "targets", TARGETS)
    load(db, "units", UNITS_2014, snapshot=dt.date(2014, 12, 31))
    load(db, "units", UNITS_2015, snapshot=dt.date(2015, 6, 30))
    load(db, "events", EVENTS)
    load(db, "training", TRAINING)
    return db


# ---- a district whose towns report separately (test_town_reports.py works the numbers out by hand):
#   2014-12-31  安亭镇: A1 (100 employees, 80 members), A2 (10, no union)   马陆镇: M1 (50, 40)
#   2015-05-31  安亭镇: A1 (100, 85), A2 (10, none)   马陆镇: M1 (50, 42), M2 (30, 25, union 2015-03-01)
#               南翔镇: N1 (40, 30, union 2015-02-01)
#   2015-06-30  安亭镇 only: A1 (100, 90), A2 (10, 8, union 2015-06-10)
#   Targets 2015: 安亭镇 新建会单位数 4, 新发展会员数 40; 马陆镇 新建会单位数 2.
M1, M2, N1 = "91310114310000011J", "91310114310000012M", "91310114310000013Q"
THREE = ["安亭镇", "马陆镇", "南翔镇"]


def row(code: str, town: str, emp: int, members: int, union: str | None = None, *, name: str = "某公司") -> str:
    """A roster row of a 制造业 民营企业 in 在营 (with a union formed on `union`, else 未建会)."""
    form, date = ("单独建会", union) if union else ("未建会", "")
    return f"{code},{name},{town},,,制造业,民营企业,否,{emp},0,在营,{form},,{date},{members},0"


def roster(*rows: str) -> str:
    """A units CSV of these rows."""
    return UNITS_HEADER + "\n" + "\n".join(rows) + "\n"


ANTING_2014 = roster(row(A1, "安亭镇", 100, 80, "2010-01-01"), row(A2, "安亭镇", 10, 0))
MALU_2014 = roster(row(M1, "马陆镇", 50, 40, "2010-01-01"))
ANTING_05 = roster(row(A1, "安亭镇", 100, 85, "2010-01-01"), row(A2, "安亭镇", 10, 0))
MALU_05 = roster(row(M1, "马陆镇", 50, 42, "2010-01-01"), row(M2, "马陆镇", 30, 25, "2015-03-01"))
NANXIANG_05 = roster(row(N1, "南翔镇", 40, 30, "2015-02-01"))
ANTING_06 = roster(row(A1, "安亭镇", 100, 90, "2010-01-01"), row(A2, "安亭镇", 10, 8, "2015-06-10"))
REPORT_TARGETS = """年度,街镇,指标,目标值
2015,安亭镇,新建会单位数,4
2015,安亭镇,新发展会员数,40
2015,马陆镇,新建会单位数,2
"""
D14, D05, D06 = dt.date(2014, 12, 31), dt.date(2015, 5, 31), dt.date(2015, 6, 30)


@pytest.fixture
def reports_db(empty_db: Path) -> Path:
    """Three towns reporting month by month (see build_reports)."""
    return build_reports(empty_db)


def build_reports(db: Path) -> Path:
    """The per-town reports district of test_town_reports.py (numbers worked out there)."""
    load(db, "targets", REPORT_TARGETS)
    load(db, "units", ANTING_2014, snapshot=D14, town="安亭", received=dt.date(2015, 1, 4))
    load(db, "units", MALU_2014, snapshot=D14, town="马陆镇", received=dt.date(2015, 1, 4))
    load(db, "units", ANTING_05, snapshot=D05, received=dt.date(2015, 6, 5))
    load(db, "units", MALU_05, snapshot=D05, received=dt.date(2015, 6, 8))
    load(db, "units", NANXIANG_05, snapshot=D05, received=dt.date(2015, 6, 5))
    load(db, "units", ANTING_06, snapshot=D06, town="安亭镇", received=dt.datetime(2015, 7, 2, 10, 30))
    return db




def rewrite_units(db: Path, select_sql: str, params: dict | None = None) -> None:
    """Make a database hold other unit rows than any import would write (a database written before a
    check existed): `select_sql` over the view `units` gives the new rows; every report is rewritten as
    one report per (报表日期, 街镇) of them, bypassing the importer's checks."""
    from unionboard.sql import execute
    from unionboard.store import record_report_counts, transaction, write_lock, write_report_file

    with write_lock(db), transaction(db) as w:
        execute(w, f"CREATE TEMP TABLE rewritten AS {select_sql}", params)
        for table in ("reports", "report_cells", "report_formed"):
            execute(w, f"DELETE FROM {table}")
        # the rows in the types of a report file, where the conversion of a first-release database puts them
        execute(w, "CREATE TEMP TABLE legacy_units AS SELECT * FROM db.units_layout")
        execute(w, "INSERT INTO legacy_units BY NAME SELECT * FROM rewritten")
        pairs = execute(w, "SELECT snapshot, town, count(*) FROM rewritten GROUP BY ALL ORDER BY ALL")
        written = []
        for snapshot, town, n in pairs:
            file = write_report_file(w, db, 0, "report_file_from_legacy", {"snapshot": snapshot, "town": town})
            execute(w, """INSERT INTO reports (import_id, snapshot, town, file, units, received_at)
                          VALUES (0, $s, $t, $f, $n, $s::TIMESTAMP)""", {"s": snapshot, "t": town, "f": file, "n": n})
            written.append((0, snapshot, town, file))
        record_report_counts(w, db, written)
