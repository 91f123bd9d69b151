"""(issue 24) A town's own progress page (pages/town.py), 街镇进度's area-status and links into each town, a 街镇
account's home and uploads, and meeting mode for one town — on the district of tests/area_fixture.py."""
from __future__ import annotations

import json

import pytest
from area_fixture import build_areas

from apptest_helpers import decoded, metrics, open_page, texts
from unionboard.accounts import accounts_path, add_user
from unionboard.views import Filters, get_view


@pytest.fixture
def db(empty_db, monkeypatch):
    """The one-level-down district, served to the pages."""
    build_areas(empty_db)
    monkeypatch.setenv("UNIONBOARD_DB", str(empty_db))
    return empty_db


def test_town_page_shows_its_areas_against_their_targets(db):
    at = open_page("town", query={"town": "安亭镇"})
    text = texts(at)
    assert "安亭镇：工会组建进度" in text
    table = at.dataframe[0].value
    expected = get_view(db, "area-progress", Filters(towns=["安亭镇"])).df
    assert list(table.columns) == list(expected.columns)
    assert list(table["村居园区"]) == ["泰顺村", "红星村", "黄渡村", "未填村居园区", "合计"]
    assert list(table["新建会单位数完成率(%)"].iloc[1:3]) == [50.0, 0.0]
    # the whole town against the sum of its areas' targets (2 of 3, 10 of 30), beside the district's (2, 30)
    shown = metrics(at)
    assert (shown["新建会单位数完成率"], shown["新发展会员数完成率"], shown["序时进度"]) == ("66.67%", "33.33%", "49.59%")
    assert "新建会单位数：全镇 2，村居园区目标之和 3，区下达目标 2，差额 +1" in text
    assert "新发展会员数：全镇 10，村居园区目标之和 30，区下达目标 30，差额 +0" in text
    assert "滞后的村居园区：黄渡村" in text
    # the towns' chart, one bar pair per area with a target, against 序时进度
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [d for d in spec["data"] if d["type"] == "bar"]
    assert bars[0]["x"] == ["红星村", "黄渡村"]
    assert decoded(bars[0]["y"]) == [50.0, 0.0] and decoded(bars[1]["y"]) == [90.0, -300.0]
    assert round([s for s in spec["layout"]["shapes"] if s.get("type") == "line"][0]["y0"], 2) == 49.59
    boxes = "".join(m.value for m in at.markdown)
    assert "达标 1" in boxes and "滞后 1" in boxes and "红星村" in boxes


def test_a_town_without_area_targets_says_so(db):
    at = open_page("town", query={"town": "马陆镇"})
    assert "马陆镇 2015年尚未导入与村居园区签订的目标" in texts(at)
    assert list(at.dataframe[0].value["村居园区"]) == ["大裕村", "未填村居园区", "合计"]
    assert not at.get("plotly_chart")


def test_town_page_without_one_town_offers_a_choice(db):
    at = open_page("town")
    assert at.selectbox(key="town_page_pick").value == "新成路街道"  # the dictionary's first town
    at.selectbox(key="town_page_pick").select("安亭镇").run()
    assert "安亭镇：工会组建进度" in texts(at)


def test_towns_page_counts_each_towns_areas_and_links_into_each_town(db):
    at = open_page("towns")
    status = next(d.value for d in at.dataframe if "村居园区数" in d.value.columns)
    by_town = status.set_index("街镇")
    assert list(by_town.loc["安亭镇"]) == [3, 2, 1, 0, 1, 1]
    assert list(by_town.loc["合计"]) == [4, 2, 1, 0, 1, 2]
    links = next(m.value for m in at.markdown if "town?town=" in m.value)
    assert "href='town?town=%E5%AE%89%E4%BA%AD%E9%95%87'" in links and ">安亭镇</a>" in links
    at.selectbox(key="towns_drill").select("马陆镇").run()
    assert "马陆镇：工会组建进度" in texts(at)


def test_a_town_account_lands_on_its_town_and_may_upload_area_targets(db):
    add_user(accounts_path(db), "anting", "街镇", "town-pass-1", town="安亭镇")
    at = open_page()
    at.text_input(key="auth_name").input("anting")
    at.text_input(key="auth_password").input("town-pass-1")
    at.button[0].click().run()
    assert "安亭镇：工会组建进度" in texts(at)  # its home
    at.switch_page("pages/overview.py").run()
    assert "安亭镇：工会组建进度" not in texts(at)  # then it goes where it asks
    at.switch_page("pages/data.py").run()
    assert at.selectbox(key="data_kind_town").options == ["单位名册（安亭镇）", "年度目标（安亭镇）"]
    assert "本街镇与村居园区签订的年度目标" in texts(at)


def test_meeting_mode_for_one_town_shows_its_areas(db):
    at = open_page("meeting", query={"town": "安亭镇"})
    at.button(key="meeting_next").click().run()
    at.button(key="meeting_next").click().run()
    assert "村居园区进度" in [t.value for t in at.title]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [d for d in spec["data"] if d["type"] == "bar"][0]["x"] == ["红星村", "黄渡村"]
    district = open_page("meeting")
    district.button(key="meeting_next").click().run()
    district.button(key="meeting_next").click().run()
    assert "村居园区进度" not in [t.value for t in district.title]
