"""Every number right: the cases an independent audit of the views found (issue 11), each on a small
fixture computed by hand. conftest.py's district is used where it fits; the others are written here."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pandas as pd
import pytest

from conftest import A1, A2, UNITS_HEADER, load
from unionboard.briefing import docx_bytes
from unionboard.cli import main
from unionboard.importer import import_bytes
from unionboard.summary import double_half
from unionboard.views import Filters, get_view

MOVER = "91310114310000021K"  # a unit that moves 马陆镇 → 南翔镇 and then closes
EVENTS_HEADER = "日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数"


def unit(code: str, town: str, emp: int, members: int, union: str | None = "2010-01-01", status: str = "在营") -> str:
    form = "单独建会" if union else "未建会"
    return f"{code},某公司,{town},,,制造业,民营企业,否,{emp},0,{status},{form},,{union or ''},{members},0"


@pytest.fixture
def mover_db(empty_db):
    """马陆镇 reports the unit in March; it moves to 南翔镇 in April (one 迁出 row naming 南翔镇) and closes
    there in June with its union dissolved and 12 of 30 members transferred."""
    load(empty_db, "units", f"{UNITS_HEADER}\n{unit(MOVER, '马陆镇', 40, 30)}\n", snapshot=dt.date(2015, 3, 31))
    load(empty_db, "units", f"{UNITS_HEADER}\n{unit(A1, '马陆镇', 10, 5)}\n", snapshot=dt.date(2015, 5, 31))
    load(empty_db, "units", f"{UNITS_HEADER}\n{unit(MOVER, '南翔镇', 40, 30)}\n", snapshot=dt.date(2015, 5, 31))
    load(empty_db, "units", f"{UNITS_HEADER}\n{unit(MOVER, '南翔镇', 40, 30, status='关闭')}\n",
         snapshot=dt.date(2015, 6, 30))
    load(empty_db, "events", f"""{EVENTS_HEADER}
2015-04-12,{MOVER},某公司,迁出,马陆镇,南翔镇,保留,30,30
2015-06-18,{MOVER},某公司,关闭,,,撤销,30,12
""")
    return empty_db


def test_followup_lists_a_closure_in_the_town_it_happened(mover_db):
    follow = get_view(mover_db, "followup").df
    assert follow[["统一社会信用代码", "街镇", "事件", "未转接会员数"]].values.tolist() == [[MOVER, "南翔镇", "关闭", 18]]
    assert len(get_view(mover_db, "followup", Filters(towns=["南翔"])).df) == 1
    assert get_view(mover_db, "followup", Filters(towns=["马陆"])).df.empty


def test_a_move_within_the_district_counts_for_both_towns_once(mover_db):
    dyn = get_view(mover_db, "dynamics").df
    rows = {(r["月份"], r["街镇"]): r for r in dyn.to_dict("records")}
    assert (rows[("2015-04", "马陆镇")]["迁出"], rows[("2015-04", "南翔镇")]["迁入"]) == (1, 1)
    assert rows[("2015-06", "南翔镇")]["关闭"] == 1
    # the pair sent as two rows is still one 迁出 and one 迁入
    load(mover_db, "events", f"{EVENTS_HEADER}\n2015-04-12,{MOVER},某公司,迁入,马陆镇,南翔镇,保留,30,30\n")
    total = get_view(mover_db, "dynamics").df.iloc[-1]
    assert (total["迁出"], total["迁入"], total["关闭"]) == (1, 1, 1)


def test_identical_log_rows_are_two_records_and_a_reimport_adds_nothing(fixture_db):
    twice = f"{EVENTS_HEADER}\n" + f"2015-05-11,{A2},乙公司,停产,安亭,,无工会,,\n" * 2
    first = import_bytes(fixture_db, twice.encode(), "e.csv", "events")
    assert first.summary == ["企业动态：新增 2 行，0 行已有"]
    assert import_bytes(fixture_db, twice.encode(), "e.csv", "events").summary == ["企业动态：新增 0 行，2 行已有"]
    thrice = f"{EVENTS_HEADER}\n" + f"2015-05-11,{A2},乙公司,停产,安亭,,无工会,,\n" * 3
    assert import_bytes(fixture_db, thrice.encode(), "e.csv", "events").summary == ["企业动态：新增 1 行，2 行已有"]
    may = get_view(fixture_db, "dynamics").df.query("月份 == '2015-05'").iloc[0]
    assert may["停产"] == 3
    sessions = "开始日期,结束日期,地点,主办单位,参训街镇,培训对象,参训人数\n" + \
        "2015-06-01,2015-06-01,安亭社区学校,安亭镇,安亭镇,工会干部,5\n" * 2
    assert import_bytes(fixture_db, sessions.encode(), "t.csv", "training").summary == ["干部培训：新增 2 行，0 行已有"]
    anting = get_view(fixture_db, "training").df.query("街镇 == '安亭镇'").iloc[0]
    assert anting["工会干部"] == 10 and anting["培训班次"] == 3  # two records of one session: 10 trainees


@pytest.mark.parametrize("args", [["--year", "2016"], ["--as-of", "2016-01-10"]])
def test_a_later_year_without_reports_is_refused_not_read_as_the_old_year(fixture_db, capsys, args):
    assert main(["export", "towns", "--db", str(fixture_db), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("2016年尚无报送的单位名册：") and "2015-06-30" in err


def test_rate_targets_are_shown_with_the_gap_in_points(fixture_db):
    load(fixture_db, "targets", "年度,街镇,指标,目标值\n2015,安亭镇,入会率,90\n")
    rates = get_view(fixture_db, "town-rates").df.set_index("街镇")
    anting = rates.loc["安亭镇"]
    # 建会率 3/4 = 75.00 against 80: -5.00 points; 入会率 128/165 = 77.5758 against 90: -12.42
    assert (anting["建会率(%)"], anting["建会率目标(%)"], anting["建会率差距(百分点)"]) == (75.0, 80, -5.0)
    assert (anting["入会率(%)"], anting["入会率目标(%)"], anting["入会率差距(百分点)"]) == (77.58, 90, -12.42)
    # 25人以上: A1 (100), A3 (30), A5 (25, 停产) are active with 25+; A1 and A3 have a union
    assert (anting["25人以上在营单位数"], anting["25人以上已建会单位数"], anting["25人以上单位建会率(%)"]) == (3, 2, 66.67)
    assert (anting["农民工入会率(%)"], anting["数据来源"]) == (86.67, "2015-06-30 报表")
    assert pd.isna(rates.loc["嘉定镇街道", "建会率目标(%)"]) and pd.isna(rates.loc["合计", "建会率目标(%)"])
    assert rates.loc["外冈镇", "数据来源"] == "未报送"


def test_fortune500_slice(fixture_db, capsys):
    assert main(["export", "fortune500", "--db", str(fixture_db)]) == 0
    lines = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("世界500强,在营单位数,已建会单位数,建会率(%)")
    assert lines[1].startswith("世界500强,1,1,100.0,") and lines[2].startswith("非世界500强,5,3,60.0,")


def test_double_half_without_a_baseline_says_what_is_missing(empty_db):
    load(empty_db, "targets", "年度,街镇,指标,目标值\n2015,安亭镇,新建会单位数,2\n2015,安亭镇,新发展会员数,10\n")
    load(empty_db, "units", f"{UNITS_HEADER}\n{unit(A1, '安亭镇', 100, 80, '2015-02-01')}\n", snapshot=dt.date(2015, 6, 30))
    towns = get_view(empty_db, "towns")
    dh = double_half(towns)
    assert dh.state == "no_baseline"
    assert dh.text() == "缺少上年末（12月31日）基期报表，新发展会员数无法计算，暂无法判断“双过半”"
    assert dh.new_unions_done == 50.0 and dh.new_members_done is None


def test_total_completion_counts_only_towns_with_the_target(fixture_db):
    # 安亭镇 (targets) and 嘉定镇街道 (none): the 合计 is 安亭镇's 48 / 100, not (48 - 5) / 100
    towns = get_view(fixture_db, "towns", Filters(towns=["安亭镇", "嘉定镇街道"]))
    total = towns.df.iloc[-1]
    assert (total["新发展会员数"], total["新发展会员数完成率(%)"]) == (43, 48.0)
    dh = double_half(towns)
    assert (dh.state, dh.new_unions_done, dh.new_members_done) == ("not_met", 50.0, 48.0)
    assert get_view(fixture_db, "trend").df.iloc[0]["新发展会员数完成率(%)"] == 48.0  # newest first
    doc = docx.Document(io.BytesIO(docx_bytes(fixture_db, Filters(towns=["安亭镇", "嘉定镇街道"]))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "嘉定镇街道未下达新建会单位数目标，不计入合计完成率。" in text
    assert [c.text for c in doc.tables[0].rows[-1].cells][8:11] == ["43", "100", "48.00"]  # after 排名


def test_federation_total_completion_counts_only_towns_with_the_target(fixture_db):
    load(fixture_db, "federations", "联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数\n"
                                    "嘉定镇一村工会联合会,村工会联合会,嘉定镇街道,一村,,2015-01-10,0\n")
    total = get_view(fixture_db, "federations").df.iloc[-1]
    # two village federations, one of them in 安亭镇 (target 2); 嘉定镇街道 has no target
    assert (total["村(园区)工会联合会数"], total["村(园区)工会联合会数目标"], total["村(园区)工会联合会数完成率(%)"]) == (2, 2, 50.0)


def test_towns_page_shows_the_key_rates_and_who_has_no_target(fixture_db, monkeypatch):
    from apptest_helpers import open_page, texts

    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    at = open_page("towns")
    rates = at.dataframe[2].value  # after the ranking and the towns table
    assert rates.equals(get_view(fixture_db, "town-rates").df)
    assert "未下达新建会单位数目标的街镇不计入合计完成率：新成路街道、真新街道、嘉定镇街道" in texts(at)
