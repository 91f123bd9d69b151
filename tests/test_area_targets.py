"""(issue 24) Area targets in the targets kind (DATA-FORMAT.md "targets"): an area the town never names is refused
naming the row and the town's areas; an empty 目标值 is skipped with a notice; the district's and the towns'
targets side by side; a declared town (a 街镇 account, --town) sends its own areas' targets only; the template
`targets --town T` lists T's areas × the count indicators and round-trips."""
from __future__ import annotations

import io

import openpyxl
import pytest
from area_fixture import build_areas

from unionboard.cli import main
from unionboard.export import xlsx_bytes
from unionboard.importer import import_bytes
from unionboard.sql import execute
from unionboard.store import connect_read
from unionboard.templates import town_template

HEAD = "年度,街镇,村居园区,指标,目标值\n"


@pytest.fixture
def db(empty_db):
    """The one-level-down district (tests/area_fixture.py)."""
    return build_areas(empty_db)


def targets(db) -> list[tuple]:
    """Every stored target as (year, town, area, indicator, target), sorted."""
    con = connect_read(db)
    try:
        return sorted(execute(con, "SELECT year, town, area, indicator, target FROM targets"))
    finally:
        con.close()


def imported(db, text: str, **kw):
    """Import a targets CSV text; the result."""
    return import_bytes(db, text.encode("utf-8"), "目标.csv", "targets", **kw)


def test_the_fixture_stores_area_and_district_targets(db):
    rows = targets(db)
    assert (2015, "安亭镇", "", "新建会单位数", 2.0) in rows
    assert (2015, "安亭镇", "红星村", "村(园区)工会联合会数", 1.0) in rows
    assert not [r for r in rows if r[2] == "泰顺村"]  # its 目标值 was empty: no target
    assert len(rows) == 3 + 5


def test_unknown_area_is_refused_naming_the_row_and_the_towns_areas(db):
    before = targets(db)
    r = imported(db, HEAD + "2015,安亭镇,红星村,新建会单位数,3\n2015,安亭镇,红心村,新建会单位数,3\n"
                            "2015,马陆镇,黄渡村,新建会单位数,1\n")
    assert not r.ok
    lines = [p.line() for p in r.problems]
    # every area a report of the town (the baseline's and the latest) or its federations name, in name order
    assert lines == [
        "目标.csv 第3行 C列「村居园区」 值「红心村」：不是「安亭镇」的村居园区"
        "（该街镇名册或工会联合会中出现过的村居园区：泰顺村、红星村、黄渡村）",
        "目标.csv 第4行 C列「村居园区」 值「黄渡村」：不是「马陆镇」的村居园区（该街镇名册或工会联合会中出现过的村居园区：大裕村）",
    ]
    assert targets(db) == before  # nothing changed


def test_an_area_named_only_by_a_federation_or_an_older_report(db):
    # 安亭工业园区 is named by a federation only; 黄渡村's units of 2014 … and 2015: any report of the town counts
    r = import_bytes(db, ("联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数\n"
                          "安亭工业园区工会联合会,园区工会联合会,安亭镇,安亭工业园区,,2015-03-01,1\n").encode(), "f.csv",
                     "federations")
    assert r.ok
    r = imported(db, HEAD + "2015,安亭镇,安亭工业园区,新建会单位数,4\n")
    assert r.ok, [p.line() for p in r.problems]
    # a workbook: the federation's sheet teaches the targets' sheet its area
    book = xlsx_bytes({"工会联合会": _frame("联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数",
                                        "马陆镇新区联合会,区域工会联合会,马陆镇,马陆新区,,2015-03-01,0"),
                       "年度目标": _frame("年度,街镇,村居园区,指标,目标值", "2015,马陆镇,马陆新区,新发展会员数,50")})
    r = import_bytes(db, book, "全部.xlsx")
    assert r.ok, [p.line() for p in r.problems]
    assert (2015, "马陆镇", "马陆新区", "新发展会员数", 50.0) in targets(db)


def _frame(header: str, *rows: str):
    """A DataFrame of text cells from CSV lines."""
    import pandas as pd
    cols = header.split(",")
    return pd.DataFrame([r.split(",") for r in rows], columns=cols)


def test_empty_target_is_skipped_with_a_notice(db):
    r = imported(db, HEAD + "2015,安亭镇,黄渡村,村(园区)工会联合会数,\n2015,安亭镇,泰顺村,新建会单位数,1\n"
                            "2015,安亭镇,泰顺村,新发展会员数,\n2015,安亭镇,泰顺村,入会率,\n")
    assert r.ok and r.rows == 4
    assert [n.line() for n in r.notices] == ["目标.csv E列「目标值」：第2、4–5行的「目标值」为空：不设目标，已跳过（3行）"]
    assert r.summary == ["目标：新增 1 行，0 行已有"]
    assert (2015, "安亭镇", "泰顺村", "新建会单位数", 1.0) in targets(db)


def test_a_required_target_is_still_checked(db):
    r = imported(db, HEAD + "2015,安亭镇,泰顺村,新建会单位数,-1\n2015,安亭镇,泰顺村,新发展会员数,很多\n")
    assert not r.ok and [p.row for p in r.problems] == [2, 3]


def test_district_and_area_targets_side_by_side_in_one_file(db):
    r = imported(db, HEAD + "2015,马陆镇,,新发展会员数,40\n2015,安亭镇,泰顺村,新建会单位数,2\n"
                            "2015,安亭镇,,新建会单位数,3\n")
    assert r.ok, [p.line() for p in r.problems]
    rows = targets(db)
    assert (2015, "马陆镇", "", "新发展会员数", 40.0) in rows and (2015, "安亭镇", "泰顺村", "新建会单位数", 2.0) in rows
    assert (2015, "安亭镇", "", "新建会单位数", 3.0) in rows  # upserted by (年度, 街镇, 村居园区, 范围, 指标)
    assert (2015, "安亭镇", "红星村", "新建会单位数", 2.0) in rows  # the area's own target untouched


def test_a_declared_town_sends_its_own_areas_targets_only(db):
    before = targets(db)
    r = imported(db, HEAD + "2015,安亭镇,泰顺村,新建会单位数,2\n2015,马陆镇,大裕村,新建会单位数,1\n"
                            "2015,安亭,,新建会单位数,9\n", town="安亭")
    assert not r.ok
    assert [p.line() for p in r.problems] == [
        "目标.csv 第3行 B列「街镇」 值「马陆镇」：只能上传「安亭镇」的目标，本行是其他街镇的",
        "目标.csv 第4行 C列「村居园区」 值「」：「安亭镇」上传的是本街镇与村居园区签订的目标，须填写村居园区"
        "（区下达给街镇的目标由区总工会导入）",
    ]
    assert targets(db) == before
    r = imported(db, "年度,街镇,指标,目标值\n2015,安亭镇,新建会单位数,9\n", town="安亭镇")  # no 村居园区 column at all
    assert not r.ok and r.problems[0].column == "村居园区"
    assert imported(db, HEAD + "2015,安亭镇,泰顺村,新建会单位数,2\n", town="安亭镇").ok


def test_cli_import_with_town(db, tmp_path, capsys):
    f = tmp_path / "t.csv"
    f.write_text(HEAD + "2015,马陆镇,大裕村,新建会单位数,1\n", encoding="utf-8")
    assert main(["import", "targets", str(f), "--town", "安亭镇", "--db", str(db)]) == 2
    assert "只能上传「安亭镇」的目标" in capsys.readouterr().err


def test_template_lists_the_towns_areas_and_round_trips(db, tmp_path):
    data = town_template(db, "targets", "安亭镇")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["年度目标"]
    rows = [r for r in ws.iter_rows(min_row=1, values_only=True)]
    assert rows[0] == ("年度", "街镇", "村居园区", "范围", "指标", "目标值")
    body = [r for r in rows[1:] if any(v is not None for v in r)]
    # 安亭镇's areas (its reports' and its federation's) × the four count indicators, 目标值 empty
    areas = ["泰顺村", "红星村", "黄渡村"]
    indicators = ["新建会单位数", "新发展会员数", "楼宇工会联合会数", "村(园区)工会联合会数"]
    assert body == [(2015, "安亭镇", a, None, i, None) for a in areas for i in indicators]
    # the 村居园区 column's dropdown lists the town's areas
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    ref = lists["C"].split("!")[1].replace("$", "")
    help_ws = wb[lists["C"].split("!")[0].strip("'")]
    assert [c.value for c in help_ws[ref.split(":")[0][0]][1:4]] == areas
    # the town fills in two targets and sends it back
    ws.cell(2, 6, 5)
    ws.cell(7, 6, 40)
    buf = io.BytesIO()
    wb.save(buf)
    r = import_bytes(db, buf.getvalue(), "安亭镇目标.xlsx", town="安亭镇")
    assert r.ok, [p.line() for p in r.problems]
    assert r.rows == 12 and r.summary == ["目标：新增 1 行，1 行已有"]
    assert any("已跳过（10行）" in n.line() for n in r.notices)
    rows = targets(db)
    assert (2015, "安亭镇", "泰顺村", "新建会单位数", 5.0) in rows and (2015, "安亭镇", "红星村", "新发展会员数", 40.0) in rows
    out = tmp_path / "t.xlsx"
    assert main(["template", "targets", "--town", "安亭", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
