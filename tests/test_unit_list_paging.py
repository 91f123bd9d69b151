"""Long unit lists: counts per town without reading the list, and the list a page at a time.

The fixture's uncovered units (see conftest.py): 己公司 (安亭镇, 25 employees, 停产) and 庚协会
(嘉定镇街道, 0 employees), largest first.
"""
from __future__ import annotations

import pytest

from apptest_helpers import metrics, open_page, texts
from conftest import A5, J2
from unionboard.cli import main
from unionboard.views import Filters, get_view


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    return fixture_db


def test_uncovered_by_town_by_hand(fixture_db):
    df = get_view(fixture_db, "uncovered-by-town").df
    assert list(df.columns) == ["街镇", "未建会单位数", "25人以上", "25人以下", "涉及职工人数", "涉及农民工人数"]
    assert df.values.tolist() == [["嘉定镇街道", 1, 0, 1, 0, 0], ["安亭镇", 1, 1, 0, 25, 0], ["合计", 2, 1, 1, 25, 0]]
    only = get_view(fixture_db, "uncovered-by-town", Filters(towns=["安亭镇"])).df
    assert only.values.tolist() == [["安亭镇", 1, 1, 0, 25, 0], ["合计", 1, 1, 0, 25, 0]]


def test_a_page_is_a_slice_of_the_whole_view(fixture_db):
    whole = get_view(fixture_db, "uncovered").df
    assert whole["统一社会信用代码"].tolist() == [A5, J2]
    from unionboard.store import connect_read
    from unionboard.views import get_view_con
    con = connect_read(fixture_db)
    try:
        second = get_view_con(con, "uncovered", offset=1, limit=1).df
        past_end = get_view_con(con, "uncovered", offset=2, limit=1).df
    finally:
        con.close()
    assert second.equals(whole.iloc[1:2].reset_index(drop=True))
    assert len(past_end) == 0 and list(past_end.columns) == list(whole.columns)


def test_short_list_is_shown_whole(db):
    at = open_page("uncovered")
    assert not at.number_input
    assert list(at.dataframe[0].value["单位名称"]) == ["己公司", "庚协会"]


def test_long_list_is_paged(db, monkeypatch):
    from ui import data
    monkeypatch.setattr(data, "PAGE_ROWS", 1)
    at = open_page("uncovered")
    assert metrics(at)["未建会在营单位"] == "2"  # the figures count the whole list
    assert at.number_input[0].value == 1 and at.number_input[0].max == 2
    assert list(at.dataframe[0].value["单位名称"]) == ["己公司"]
    assert "第 1–1 家，共 2 家" in texts(at)
    at.number_input[0].set_value(2).run()
    assert list(at.dataframe[0].value["单位名称"]) == ["庚协会"]
    assert "第 2–2 家，共 2 家" in texts(at)
    # a filter that leaves one page sends the picker back to page 1
    at.sidebar.multiselect(key="town").set_value(["安亭镇"]).run()
    assert not at.exception
    assert list(at.dataframe[0].value["单位名称"]) == ["己公司"]


def test_download_behind_a_page_is_the_whole_export(db, tmp_path):
    from ui.context import Ctx
    from ui.data import whole_view
    from ui.downloads import download_bytes
    from unionboard.store import data_version
    ctx = Ctx(db=db, version=data_version(db), lang="zh")
    data = download_bytes(ctx, whole_view(ctx, "uncovered"))
    out = tmp_path / "uncovered.csv"
    assert main(["export", "uncovered", "--db", str(db), "-o", str(out)]) == 0
    assert data == out.read_bytes()
    assert data.decode("utf-8-sig").count("\n") == 3  # header and both units
