"""名册核对 (METRICS.md, "Roster check between reports"): each finding, each case an event explains, movers,
a town's first report, a town carried forward, the thresholds at their boundary; 同比 and 环比.

Fixture, worked out by hand (D1 = 2015-05-31, D2 = 2015-06-30):
  安亭镇 D1: a1 union 50 members · a2 no union · a3 union 40 · a4 union 30 · a5 union 40 · a6 union 100 ·
             a7 · a8 · a11 关闭
  安亭镇 D2: a3 停产 未建会 0 · a4 21 · a5 28 · a6 71 · a9 new · a10 new · a11 在营 again
  马陆镇 D1: m1 union 20;  D2: m1, and a7 (moved from 安亭镇, no event)
  南翔镇 D1: n1;           D2: n1, and a8 (moved from 安亭镇: 迁出 sent)
  江桥镇 D1: j1;           D2: none (carried forward)
  徐行镇 D2 only: x1 (its first report)
Events: a1 关闭 on D1 itself (before the window); a2 关闭 on D2 (inside it); a3 停产 with 撤销;
  a8 迁出 安亭镇 → 南翔镇; a10 新开业.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from conftest import load, roster
from unionboard.cli import main
from unionboard.creditcode import generate
from unionboard.importer import check_bytes
from unionboard.views import Filters, get_view

D1, D2 = dt.date(2015, 5, 31), dt.date(2015, 6, 30)
NAMES = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "m1", "n1", "j1", "x1"]
CODES = dict(zip(NAMES, generate(np.arange(320000001, 320000001 + len(NAMES)), np.array(["91"] * len(NAMES))),
                 strict=True))


def code(name: str) -> str:
    """The (valid) credit code of a fixture unit."""
    return str(CODES[name])


def unit(name: str, town: str, members: int | None, *, emp: int = 120, status: str = "在营") -> str:
    """A row: a union with `members`, or 未建会 when members is None."""
    form, date, m = ("单独建会", "2010-01-01", members) if members is not None else ("未建会", "", 0)
    return f"{code(name)},{name}公司,{town},,,制造业,民营企业,否,{emp},0,{status},{form},,{date},{m},0"


EVENTS = "日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数\n" + "\n".join([
    f"2015-05-31,{code('a1')},a1公司,关闭,安亭镇,,撤销,50,0",
    f"2015-06-30,{code('a2')},a2公司,关闭,安亭镇,,无工会,,",
    f"2015-06-12,{code('a3')},a3公司,停产,安亭镇,,撤销,40,0",
    f"2015-06-05,{code('a8')},a8公司,迁出,安亭镇,南翔镇,无工会,,",
    f"2015-06-20,{code('a10')},a10公司,新开业,,安亭镇,无工会,,",
]) + "\n"


@pytest.fixture
def check_db(empty_db):
    load(empty_db, "units", roster(
        unit("a1", "安亭镇", 50, emp=60), unit("a2", "安亭镇", None), unit("a3", "安亭镇", 40, emp=50),
        unit("a4", "安亭镇", 30), unit("a5", "安亭镇", 40), unit("a6", "安亭镇", 100), unit("a7", "安亭镇", None),
        unit("a8", "安亭镇", None), unit("a11", "安亭镇", None, status="关闭")), snapshot=D1)
    load(empty_db, "units", roster(unit("m1", "马陆镇", 20)), snapshot=D1)
    load(empty_db, "units", roster(unit("n1", "南翔镇", None)), snapshot=D1)
    load(empty_db, "units", roster(unit("j1", "江桥镇", None)), snapshot=D1)
    load(empty_db, "events", EVENTS)
    load(empty_db, "units", roster(
        unit("a3", "安亭镇", None, emp=50, status="停产"), unit("a4", "安亭镇", 21), unit("a5", "安亭镇", 28),
        unit("a6", "安亭镇", 71), unit("a9", "安亭镇", None), unit("a10", "安亭镇", None), unit("a11", "安亭镇", None)),
        snapshot=D2)
    load(empty_db, "units", roster(unit("m1", "马陆镇", 20), unit("a7", "马陆镇", None)), snapshot=D2)
    load(empty_db, "units", roster(unit("n1", "南翔镇", None), unit("a8", "南翔镇", None)), snapshot=D2)
    load(empty_db, "units", roster(unit("x1", "徐行镇", None)), snapshot=D2)
    return empty_db


FIVE = ["单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报"]
SHOWN = ["安亭镇", "马陆镇", "南翔镇", "江桥镇", "徐行镇"]


def test_counts_by_town(check_db):
    df = get_view(check_db, "changes-by-town", Filters(towns=SHOWN)).df.set_index("街镇")
    assert df.loc["安亭镇", FIVE + ["合计"]].tolist() == [1, 2, 1, 1, 0, 5]
    assert df.loc["马陆镇", FIVE + ["合计"]].tolist() == [0, 0, 0, 0, 1, 1]
    assert df.loc["南翔镇", FIVE + ["合计"]].tolist() == [0, 0, 0, 0, 0, 0]
    assert df.loc["安亭镇", "核对情况"] == "已核对" and df.loc["安亭镇", "上期报表日期"] == D1
    # not checked: said, not zero
    assert df.loc["江桥镇", "核对情况"] == "沿用 2015-05-31 报送数据，本期无新报表"
    assert df.loc["徐行镇", "核对情况"] == "首次报送，无上期报表可比"
    assert df.loc[["江桥镇", "徐行镇"], FIVE].isna().all().all()
    assert df.loc["合计", FIVE + ["合计"]].tolist() == [1, 2, 1, 1, 1, 6]
    assert df.loc["合计", "核对情况"] == "3 个街镇已核对"


def findings(db) -> dict[tuple[str, str], dict]:
    df = get_view(db, "changes", Filters(towns=SHOWN)).df
    return {(r["核对项"], r["单位名称"]): r for r in df.to_dict("records")}


def test_each_finding_and_each_case_an_event_explains(check_db):
    f = findings(check_db)
    assert sorted(f) == sorted([("单位消失未报动态", "a1公司"), ("工会断线", "a1公司"), ("新增单位未报动态", "a9公司"),
                                ("新增单位未报动态", "a11公司"), ("会员锐减", "a5公司"),
                                ("街镇变更未报", "a7公司")])
    # a1: gone, its 关闭 dated on the previous report date (outside the window) does not explain it
    a1 = f[("单位消失未报动态", "a1公司")]
    assert (a1["街镇"], a1["上期报表日期"], a1["上期会员人数"], a1["期间动态"]) == ("安亭镇", D1, 50, "无")
    assert pd.isna(a1["本期报表日期"]) and pd.isna(a1["本期会员人数"])
    # a2 closed on D2 (inside the window): not gone unreported; a10 opened with an event; a8's 迁出 was sent
    assert not any(name in ("a2公司", "a10公司", "a8公司") for _, name in f)
    # a3: 停产 and 未建会 with its 撤销 event: the union lost is explained, and its members falling 40 → 0 is
    # no 会员锐减 — that finding is for units that keep their union (METRICS.md, issue 23)
    assert not any(name == "a3公司" for _, name in f)
    # a7 moved to 马陆镇 with nothing sent: under the new town, both towns named
    a7 = f[("街镇变更未报", "a7公司")]
    assert (a7["街镇"], a7["上期街镇"], a7["本期街镇"]) == ("马陆镇", "安亭镇", "马陆镇")
    # a11 was 关闭 in May and is 在营 in June with no event: new again
    assert f[("新增单位未报动态", "a11公司")]["上期经营状态"] == "关闭"


def test_members_thresholds_at_their_boundary(check_db):
    f = findings(check_db)
    assert ("会员锐减", "a5公司") in f      # 40 → 28: exactly 30% and 12 members
    assert ("会员锐减", "a4公司") not in f  # 30 → 21: 30% but 9 members
    assert ("会员锐减", "a6公司") not in f  # 100 → 71: 29 members but 29%


def test_a_town_account_sees_its_own_list_only(check_db):
    from unionboard.briefing import views_for
    res = views_for(check_db, Filters(), ["changes"], unit_towns=["马陆镇"])["changes"]
    assert list(res.df["单位名称"]) == ["a7公司"]


def test_the_preview_shows_what_a_report_would_bring(check_db):
    july = roster(unit("m1", "马陆镇", 5), unit("a7", "马陆镇", None))  # m1: 20 → 5 members
    r = check_bytes(check_db, july.encode(), "马陆7月.csv", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok
    assert r.findings[["街镇", "核对项", "单位名称", "会员变化"]].values.tolist() == [["马陆镇", "会员锐减", "m1公司", -15]]
    # nothing was imported
    assert get_view(check_db, "towns").resolved.snapshot == D2


def test_the_command_line_prints_the_findings_of_an_import(check_db, capsys, tmp_path):
    f = tmp_path / "马陆7月.csv"
    f.write_text(roster(unit("m1", "马陆镇", 5), unit("a7", "马陆镇", None)), encoding="utf-8")
    assert main(["import", "units", str(f), "--db", str(check_db), "--snapshot", "2015-07-31"]) == 0
    out = capsys.readouterr().out
    assert "名册核对（2015-07-31）：发现 1 项需核实" in out and "马陆镇：会员锐减 1 家（m1公司）" in out


def test_year_on_year_and_against_the_previous_report(reports_db):
    from conftest import A1, row
    trend = get_view(reports_db, "trend", Filters(towns=["安亭镇"])).df.set_index("报表日期")
    june = trend.loc[dt.date(2015, 6, 30)]
    # no report on or before 2014-06-30: 同比 empty, said so on the card
    assert pd.isna(june["同比报表日期"]) and pd.isna(june["会员人数同比"])
    # 环比 against 2015-05-31: members 98 - 85, coverage 100% - 50%
    assert (june["环比报表日期"], june["会员人数环比"], june["建会率环比(百分点)"]) == (dt.date(2015, 5, 31), 13, 50.0)
    load(reports_db, "units", roster(row(A1, "安亭镇", 100, 70, "2010-01-01")), snapshot=dt.date(2014, 6, 30))
    june = get_view(reports_db, "trend", Filters(towns=["安亭镇"])).df.set_index("报表日期").loc[dt.date(2015, 6, 30)]
    assert (june["同比报表日期"], june["会员人数同比"], june["建会率同比(百分点)"]) == (dt.date(2014, 6, 30), 28, 0.0)
    # 新建会单位数 year to date: A2 (June 2015) against none by 2014-06-30
    assert (june["新建会单位数"], june["新建会单位数同比"]) == (1, 1)


def test_the_overview_line_counts_the_selected_towns_from_the_districts_view(check_db):
    """总览's 名册核对 line: the district's changes-by-town, summed over the selected towns (a town's row is the
    same whichever towns are selected), equals the view computed for those towns."""
    from unionboard.summary import findings_count

    district = get_view(check_db, "changes-by-town")
    # test_counts_by_town: 安亭镇 5, 马陆镇 1, 南翔镇 0, the district 6
    assert [findings_count(district, t) for t in ([], ["安亭镇"], ["马陆镇", "南翔镇"])] == [6, 5, 1]
    for towns in ([], ["安亭镇"], ["马陆镇", "南翔镇"]):
        own = get_view(check_db, "changes-by-town", Filters(towns=towns))
        expected = own.total["合计"] if own.total is not None else 0
        assert findings_count(district, towns) == int(0 if pd.isna(expected) else expected)
