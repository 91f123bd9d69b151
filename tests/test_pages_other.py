"""The other pages on the hand-computed fixture: the numbers shown, their tables, guidance when empty."""
from __future__ import annotations

import pytest

from apptest_helpers import metrics, open_page, texts
from unionboard.views import get_view


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    return fixture_db


def test_industries(db):
    at = open_page("industries")
    tables = [d.value for d in at.dataframe]
    assert tables[0].equals(get_view(db, "industries").df)
    assert tables[1].iloc[0]["两新组织"] == "新经济组织" and tables[1].iloc[0]["建会率(%)"] == 75.0
    # 世界500强: 丁公司 (30 employees, a union formed on 2015-06-30) is the one Fortune 500 unit
    assert tables[2].equals(get_view(db, "fortune500").df)
    assert tables[2].iloc[0][["世界500强", "在营单位数", "已建会单位数", "新建会单位数"]].tolist() == ["世界500强", 1, 1, 1]
    assert list(tables[4]["单位名称"]) == ["己公司"]  # 港澳台, no union
    assert len(at.get("plotly_chart")) == 2


def test_buildings(db):
    at = open_page("buildings")
    m = metrics(at)
    assert (m["楼宇数"], m["已成立楼宇工会联合会"], m["入驻在营单位"], m["楼宇建会率"]) == ("1", "0", "1", "100.00%")
    assert "嘉亭荟" in texts(at)


def test_federations(db):
    at = open_page("federations")
    m = metrics(at)
    assert (m["工会联合会"], m["村(园区)工会联合会"], m["专职干部"], m["覆盖单位"]) == ("1", "1", "1", "1")


def test_dynamics(db):
    at = open_page("dynamics")
    m = metrics(at)
    assert (m["新开业"], m["关闭 / 迁出"], m["转移接续"], m["撤销工会"], m["会员转接率"]) == ("1", "1 / 1", "1", "1", "50.00%")
    follow = at.dataframe[1].value
    assert list(follow["单位名称"]) == ["戊公司"] and list(follow["未转接会员数"]) == [15]


def test_training(db):
    at = open_page("training")
    m = metrics(at)
    # 5 chair places; covered min(3, 1) + min(2, 0) = 1 of 1 federation (issue 23)
    assert (m["培训班次"], m["参训人数"], m["村(园区)工会主席"], m["主席培训覆盖率"]) == ("2", "17", "5", "100.00%")


def test_uncovered(db):
    at = open_page("uncovered")
    m = metrics(at)
    assert (m["未建会在营单位"], m["其中25人以上"], m["涉及职工"]) == ("2", "1", "25")
    assert list(at.dataframe[0].value["单位名称"]) == ["己公司", "庚协会"]


def test_uncovered_town_filter(db):
    at = open_page("uncovered", query={"town": "嘉定镇街道"})
    assert metrics(at)["未建会在营单位"] == "1"


def test_data_page_lists_snapshots_and_history(db):
    at = open_page("data")
    snaps = at.dataframe[0].value
    assert [str(d) for d in snaps["报表日期"]] == ["2015-06-30", "2014-12-31"]  # newest first (issue 22)
    assert list(snaps["在营单位数"]) == [6, 3]
    history = at.dataframe[1].value
    assert len(history) == 7 and set(history["结果"]) == {"已导入"}


PAGES = ["overview", "towns", "industries", "buildings", "federations", "dynamics", "training", "uncovered"]


@pytest.mark.parametrize("page", PAGES)
def test_empty_database_shows_guidance(empty_db, monkeypatch, page):
    monkeypatch.setenv("UNIONBOARD_DB", str(empty_db))
    at = open_page(page)
    assert "还没有单位名册快照" in texts(at)


@pytest.mark.parametrize("page", [*PAGES, "data"])
def test_missing_database_shows_guidance(tmp_path, monkeypatch, page):
    monkeypatch.setenv("UNIONBOARD_DB", str(tmp_path / "none.duckdb"))
    at = open_page(page)
    assert "python -m unionboard init" in texts(at)


def test_town_without_units_shows_guidance(db):
    at = open_page(query={"town": "外冈镇"})
    assert metrics(at)["在营单位"] == "0"
    assert "没有在营单位" in texts(at)


def test_year_without_targets(db):
    at = open_page(query={"asof": "2014-12-31"})
    assert "本年度尚未导入目标" in texts(at)
    assert metrics(at)["双过半"] == "无目标"
