"""(issue 24) A small district for one level down, built through the importer; the views' rows are worked out by
hand in tests/test_area_progress.py.

    2014-12-31  安亭镇: A1 红星村 (100 employees, 80 members, union 2010), A2 红星村 (10, 0, none),
                        A3 黄渡村 (40, 30, union 2012), A4 no area (20, 10, union 2013)
                马陆镇: M1 大裕村 (50, 40, union 2010)
    2015-06-30  安亭镇: A1 红星村 (100, 90), A2 红星村 (10, 8, union 2015-03-10), A5 黄渡村 (30, 0, none),
                        A4 no area (20, 12), A6 泰顺村 (25, 20, union 2015-05-01)
                马陆镇: M1 大裕村 (50, 45), A3 — moved from 安亭镇's 黄渡村, no area (40, 30, union 2012)
    Federation: 安亭红星村工会联合会 (村工会联合会, 安亭镇, 红星村, founded 2015-02-01).
    The district's targets 2015: 安亭镇 新建会单位数 2, 新发展会员数 30; 马陆镇 新建会单位数 1.
    安亭镇's area targets 2015: 红星村 新建会单位数 2, 新发展会员数 20, 村(园区)工会联合会数 1; 黄渡村 新建会单位数 1,
    新发展会员数 10. 泰顺村 (units, no target); 马陆镇 signed none.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import A1, A2, A3, A4, A5, J1, UNITS_HEADER, load

A6 = J1  # a sixth valid credit code
M1 = "91310114310000011J"


def unit(code: str, town: str, area: str, emp: int, members: int, union: str | None = None) -> str:
    """A roster row of a 制造业 民营企业 in 在营 (with a union formed on `union`, else 未建会)."""
    form, date = ("单独建会", union) if union else ("未建会", "")
    return f"{code},某公司{code[-3:]},{town},{area},,制造业,民营企业,否,{emp},0,在营,{form},,{date},{members},0"


def roster(*rows: str) -> str:
    """A units CSV of these rows."""
    return UNITS_HEADER + "\n" + "\n".join(rows) + "\n"


ANTING_14 = roster(unit(A1, "安亭镇", "红星村", 100, 80, "2010-01-01"), unit(A2, "安亭镇", "红星村", 10, 0),
                   unit(A3, "安亭镇", "黄渡村", 40, 30, "2012-01-01"), unit(A4, "安亭镇", "", 20, 10, "2013-01-01"))
MALU_14 = roster(unit(M1, "马陆镇", "大裕村", 50, 40, "2010-01-01"))
ANTING_15 = roster(unit(A1, "安亭镇", "红星村", 100, 90, "2010-01-01"), unit(A2, "安亭镇", "红星村", 10, 8, "2015-03-10"),
                   unit(A5, "安亭镇", "黄渡村", 30, 0), unit(A4, "安亭镇", "", 20, 12, "2013-01-01"),
                   unit(A6, "安亭镇", "泰顺村", 25, 20, "2015-05-01"))
MALU_15 = roster(unit(M1, "马陆镇", "大裕村", 50, 45, "2010-01-01"), unit(A3, "马陆镇", "", 40, 30, "2012-01-01"))
FEDERATIONS = ("联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数\n"
               "安亭红星村工会联合会,村工会联合会,安亭镇,红星村,,2015-02-01,1\n")
DISTRICT_TARGETS = "年度,街镇,指标,目标值\n2015,安亭镇,新建会单位数,2\n2015,安亭镇,新发展会员数,30\n2015,马陆镇,新建会单位数,1\n"
AREA_TARGETS = """年度,街镇,村居园区,指标,目标值
2015,安亭镇,红星村,新建会单位数,2
2015,安亭镇,红星村,新发展会员数,20
2015,安亭镇,红星村,村(园区)工会联合会数,1
2015,安亭镇,黄渡村,新建会单位数,1
2015,安亭镇,黄渡村,新发展会员数,10
2015,安亭镇,泰顺村,新发展会员数,
"""
D14, D15 = dt.date(2014, 12, 31), dt.date(2015, 6, 30)


def build_areas(db: Path) -> Path:
    """Import the district above into a database holding the town dictionary."""
    load(db, "federations", FEDERATIONS)
    load(db, "targets", DISTRICT_TARGETS)
    load(db, "units", ANTING_14, snapshot=D14, town="安亭镇")
    load(db, "units", MALU_14, snapshot=D14, town="马陆镇")
    load(db, "units", ANTING_15, snapshot=D15, town="安亭镇")
    load(db, "units", MALU_15, snapshot=D15, town="马陆镇")
    load(db, "targets", AREA_TARGETS, town="安亭镇")  # as 安亭镇 sends them (its own areas only)
    return db
