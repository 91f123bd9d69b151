"""Every rule of DATA-FORMAT.md: a file that breaks it is refused, naming row, column and reason."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import A1, A2, A3, BUILDINGS, FEDERATIONS, UNITS_HEADER, load
from unionboard.importer import import_bytes
from unionboard.views import table

SNAP = dt.date(2015, 6, 30)
GOOD_UNIT = f"{A1},甲,安亭镇,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,1"


def units(*rows: str) -> str:
    return UNITS_HEADER + "\n" + "\n".join(rows) + "\n"


def problems(db, kind, text, **kw):
    r = import_bytes(db, text.encode("utf-8"), f"{kind}.csv", kind, **kw)
    assert not r.ok
    return {(p.row, p.column, p.key) for p in r.problems}


@pytest.fixture
def db(empty_db):
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    return empty_db


UNIT_CASES = [
    # (row text, row number of the bad row, column, reason)
    (f"{A1[:-1]}X,甲,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "统一社会信用代码", "code_check"),
    ("9131011400000000,甲,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "统一社会信用代码", "code_length"),
    ("91310114O0000001D1,甲,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "统一社会信用代码", "code_char"),
    (f"{A2},,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "单位名称", "required"),
    (f"{A2},乙,火星镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "街镇", "unknown_town"),
    (f"{A2},乙,安亭镇,,无名楼,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "楼宇名称", "unknown_building"),
    (f"{A2},乙,马陆镇,,嘉亭荟,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "楼宇名称", "unknown_building"),
    (f"{A2},乙,安亭镇,,,农业,民营企业,否,10,0,在营,未建会,,,0,0", "行业类别", "not_in"),
    (f"{A2},乙,安亭镇,,,制造业,个体户,否,10,0,在营,未建会,,,0,0", "单位类型", "not_in"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,也许,10,0,在营,未建会,,,0,0", "世界500强", "not_bool"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,十,0,在营,未建会,,,0,0", "职工人数", "not_int"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,-1,0,在营,未建会,,,0,0", "职工人数", "negative"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,11,在营,未建会,,,0,0", "农民工人数", "gt_employees"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,歇业,未建会,,,0,0", "经营状态", "not_in"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,已建会,,,0,0", "建会情况", "not_in"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,联合建会,,2015-01-01,5,0", "所属联合会", "federation_required"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,联合建会,无此联合会,2015-01-01,5,0", "所属联合会",
     "unknown_federation"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,,5,0", "建会日期", "union_date_required"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,2015-07-01,5,0", "建会日期", "union_date_after"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,2015-02-30,5,0", "建会日期", "not_date"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,2015-01-01,11,0", "会员人数", "gt_employees"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,3,0", "会员人数", "members_not_zero"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,5,在营,单独建会,,2015-01-01,3,4", "农民工会员数", "gt_members"),
    (f"{A2},乙,安亭镇,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,3", "农民工会员数", "gt_migrants"),
    (f"{A1},甲again,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0", "统一社会信用代码", "duplicate"),
]


@pytest.mark.parametrize(("bad", "column", "reason"), UNIT_CASES, ids=[c[2] + ":" + c[1] for c in UNIT_CASES])
def test_unit_rules(db, bad, column, reason):
    # header = row 1, a good row = row 2, the bad row = row 3
    found = problems(db, "units", units(GOOD_UNIT, bad), snapshot=SNAP)
    assert (3, column, reason) in found
    assert not any(r == 2 for r, _, _ in found)


def test_refused_file_changes_nothing_and_is_recorded(db):
    before = table(db, "snapshot_list")
    problems(db, "units", units(GOOD_UNIT, GOOD_UNIT.replace("10,2", "10,20")), snapshot=SNAP)
    assert table(db, "snapshot_list").equals(before)
    hist = table(db, "import_history")
    assert hist.iloc[0]["结果"] == "已拒绝" and hist.iloc[0]["文件名"] == "units.csv"


def test_missing_required_column(db):
    text = "统一社会信用代码,单位名称\n" + f"{A1},甲\n"
    found = problems(db, "units", text, snapshot=SNAP)
    assert (1, "街镇", "missing_column") in found and (1, "职工人数", "missing_column") in found


def test_unknown_column_is_a_warning(db):
    r = import_bytes(db, units(GOOD_UNIT).replace("农民工会员数", "农民工会员数,备注").replace(",1\n", ",1,好\n")
                     .encode(), "u.csv", "units", snapshot=SNAP)
    assert r.ok
    assert [(w.column, w.key) for w in r.warnings] == [("备注", "unknown_column")]


def test_snapshot_rules(db):
    assert ("snapshot_missing" in {k for _, _, k in problems(db, "units", units(GOOD_UNIT))})
    two = UNITS_HEADER + ",报表日期\n" + GOOD_UNIT + ",2015-06-30\n" + GOOD_UNIT.replace(A1, A2) + ",2015-05-31\n"
    assert "snapshot_multiple" in {k for _, _, k in problems(db, "units", two)}
    one = UNITS_HEADER + ",报表日期\n" + GOOD_UNIT + ",2015/6/30\n"
    assert "snapshot_conflict" in {k for _, _, k in problems(db, "units", one, snapshot=dt.date(2015, 5, 31))}
    load(db, "units", one)  # the 报表日期 column alone gives the date
    assert "report_exists" in {k for _, _, k in problems(db, "units", one)}


def test_replace_snapshot(db):
    load(db, "units", units(GOOD_UNIT), snapshot=SNAP)
    load(db, "units", units(GOOD_UNIT, GOOD_UNIT.replace(A1, A2)), snapshot=SNAP, replace=True)
    snaps = table(db, "snapshot_list")
    assert list(snaps["报送单位数"]) == [2]


CELL_SPELLINGS = [
    # thousands separators, full-width spaces, boolean and date spellings, aliases
    f"\u3000{A1} ,甲,安亭, ,,制造业,民营企业,Y,\"1,234\",0,在营,单独建会,,2015年1月2日,\"1，000\",0",
    f"{A1},甲,工业区,,,制造业,民营企业,true,1234,0,在营,单独建会,,2015.1.2,1000,0",
    f"{A1.lower()},甲,嘉定新城,,,制造业,民营企业,1,1234,0,在营,单独建会,,2015/1/2,1000,0",
]


@pytest.mark.parametrize("line", CELL_SPELLINGS)
def test_cell_spellings(db, line):
    load(db, "units", units(line), snapshot=SNAP)
    from unionboard.store import connect_read
    con = connect_read(db)
    got = con.execute("SELECT credit_code, employees, members, fortune500, union_date FROM units").fetchall()
    con.close()
    assert got == [(A1, 1234, 1000, True, dt.date(2015, 1, 2))]


def test_town_aliases_resolve(db):
    load(db, "units", units(f"{A1},甲,嘉定新城,,,制造业,民营企业,否,5,0,在营,未建会,,,0,0"), snapshot=SNAP)
    from unionboard.store import connect_read
    con = connect_read(db)
    assert con.execute("SELECT town FROM units").fetchall() == [("马陆镇",)]
    con.close()


OTHER_CASES = [
    ("towns", "街镇,类型,别名\n安亭镇,镇,安亭\n安亭镇,镇,\n", 3, "街镇", "duplicate"),
    ("towns", "街镇,类型,别名\n新镇,村,\n", 2, "类型", "not_in"),
    ("towns", "街镇,类型,别名\n新镇,镇,安亭\n", 2, "别名", "alias_taken"),
    ("buildings", "楼宇名称,街镇\nA座,安亭\nA座,安亭镇\n", 3, "楼宇名称", "duplicate"),
    ("buildings", "楼宇名称,街镇\nA座,无此镇\n", 2, "街镇", "unknown_town"),
    ("federations", "联合会名称,类型,街镇,楼宇名称,成立日期\n甲会,楼宇工会联合会,安亭,,2015-01-01\n", 2, "楼宇名称",
     "building_required"),
    ("federations", "联合会名称,类型,街镇,楼宇名称,成立日期\n甲会,楼宇工会联合会,马陆,嘉亭荟,2015-01-01\n", 2, "楼宇名称",
     "unknown_building"),
    ("federations", "联合会名称,类型,街镇,成立日期\n甲会,协会,安亭,2015-01-01\n", 2, "类型", "not_in"),
    ("federations", "联合会名称,类型,街镇,成立日期\n甲会,村工会联合会,安亭,\n", 2, "成立日期", "required"),
    ("federations", "联合会名称,类型,街镇,成立日期,专职干部人数\n甲会,村工会联合会,安亭,2015-01-01,-2\n", 2,
     "专职干部人数", "negative"),
    ("federations", "联合会名称,类型,街镇,成立日期\n甲会,村工会联合会,安亭,2015-01-01\n甲会,村工会联合会,安亭,2015-01-01\n",
     3, "联合会名称", "duplicate"),
    ("targets", "年度,街镇,指标,目标值\n2015,安亭,新建会单位数,0\n", 2, "目标值", "not_positive"),
    ("targets", "年度,街镇,指标,目标值\n2015,安亭,新建会单位数,abc\n", 2, "目标值", "not_number"),
    ("targets", "年度,街镇,指标,目标值\n2015,安亭,覆盖率,10\n", 2, "指标", "not_in"),
    ("targets", "年度,街镇,指标,目标值\n二〇一五,安亭,新建会单位数,10\n", 2, "年度", "not_int"),
    ("targets", "年度,街镇,指标,目标值\n2015,安亭,新建会单位数,10\n2015,安亭镇,新建会单位数,12\n", 3, "指标", "duplicate"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,{A1},甲,迁出,,区外,撤销\n", 2,
     "原街镇", "from_town_required"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,{A1},甲,新开业,,,无工会\n", 2,
     "现街镇", "to_town_required"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,{A1},甲,倒闭,,,无工会\n", 2,
     "事件", "not_in"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,{A1},甲,迁出,火星,区外,撤销\n", 2,
     "原街镇", "unknown_town_or_outside"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,{A1},甲,关闭,,,解散\n", 2,
     "工会处置", "not_in"),
    ("events", f"日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数\n"
               f"2015-01-01,{A1},甲,关闭,,,转移接续,5,6\n", 2, "转接会员数", "gt_affected"),
    ("events", "日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置\n2015-01-01,123,甲,关闭,,,撤销\n", 2,
     "统一社会信用代码", "code_length"),
    ("training", "开始日期,结束日期,主办单位,参训街镇,培训对象,参训人数\n2015-03-18,2015-03-16,区总工会,安亭,工会干部,5\n", 2,
     "结束日期", "end_before_start"),
    ("training", "开始日期,结束日期,主办单位,参训街镇,培训对象,参训人数\n2015-03-16,2015-03-18,市总工会,安亭,工会干部,5\n", 2,
     "主办单位", "unknown_organiser"),
    ("training", "开始日期,结束日期,主办单位,参训街镇,培训对象,参训人数\n2015-03-16,2015-03-18,安亭,安亭,学员,5\n", 2,
     "培训对象", "not_in"),
    ("training", "开始日期,结束日期,主办单位,参训街镇,培训对象,参训人数\n2015-03-16,2015-03-18,区总工会,安亭,工会干部,0\n", 2,
     "参训人数", "not_positive"),
]


@pytest.mark.parametrize(("kind", "text", "row", "column", "reason"), OTHER_CASES,
                         ids=[f"{c[0]}:{c[4]}:{c[3]}" for c in OTHER_CASES])
def test_other_kind_rules(db, kind, text, row, column, reason):
    assert (row, column, reason) in problems(db, kind, text)


def test_every_bad_row_is_named_in_english(db):
    from unionboard.importer import import_bytes
    r = import_bytes(db, units(GOOD_UNIT, GOOD_UNIT.replace(A1, A2).replace("10,2", "x,2"),
                               GOOD_UNIT.replace(A1, A3).replace("在营", "?")).encode(), "bad.csv", "units",
                     snapshot=SNAP, lang="en")
    lines = [p.line("en") for p in r.problems]
    assert 'bad.csv row 3 column I "职工人数" value "x": not an integer' in lines
    assert any(line.startswith('bad.csv row 4 column K "经营状态" value "?": must be one of') for line in lines)
    zh = [p.line() for p in r.problems]
    assert "bad.csv 第3行 I列「职工人数」 值「x」：不是整数" in zh
