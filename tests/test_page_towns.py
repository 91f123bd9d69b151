"""街镇进度 page: the chart, the ranking (lowest completion first to last), the towns table (= the towns view, in
dictionary order), drill-down, download = export."""
from __future__ import annotations

import json

import pytest

from apptest_helpers import capture_downloads, decoded, download_data, open_page, texts
from conftest import load
from unionboard.cli import main
from unionboard.views import get_view


@pytest.fixture(autouse=True)
def _db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))


def test_table_is_the_towns_view(fixture_db):
    at = open_page("towns")
    shown = at.dataframe[1].value  # after the ranking
    expected = get_view(fixture_db, "towns").df
    assert list(shown.columns) == list(expected.columns)
    anting = shown[shown["街镇"] == "安亭镇"].iloc[0]
    assert (anting["在营单位数"], anting["新建会单位数完成率(%)"], anting["新发展会员数完成率(%)"], anting["进度状态"]) == (
        4, 50.0, 48.0, "预警")
    assert shown.iloc[-1]["街镇"] == "合计" and shown.iloc[-1]["入会率(%)"] == 80.47


def test_chart_against_schedule_line():
    at = open_page("towns")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [d for d in spec["data"] if d["type"] == "bar"]
    for b in bars:
        b["y"] = decoded(b["y"])
    assert [b["name"] for b in bars] == ["新建会单位数完成率", "新发展会员数完成率"]
    i = bars[0]["x"].index("安亭镇")
    assert (bars[0]["y"][i], bars[1]["y"][i]) == (50.0, 48.0)
    # 50.00 >= 49.59 is green (达标), 48.00 is amber (预警)
    assert (bars[0]["marker"]["color"][i], bars[1]["marker"]["color"][i]) == ("#2E7D32", "#F2A900")
    lines = [s for s in spec["layout"]["shapes"] if s.get("type") == "line"]
    assert round(lines[0]["y0"], 2) == 49.59


def test_drill_into_town():
    """(issue 24) The drill-down into a town is that town's own page: its areas, then its federations."""
    at = open_page("towns")
    at.selectbox(key="towns_drill").select("安亭镇").run()
    assert "安亭镇：工会组建进度" in texts(at)
    areas = at.dataframe[0].value
    assert list(areas["村居园区"]) == ["红星村", "未填村居园区", "合计"]
    assert list(areas["在营单位数"]) == [2, 2, 4]
    feds = at.dataframe[1].value
    assert list(feds["联合会名称"]) == ["安亭红星村工会联合会"]


def test_town_filter_from_url():
    at = open_page("towns", query={"town": ["安亭镇", "嘉定镇街道"]})
    assert list(at.dataframe[1].value["街镇"]) == ["嘉定镇街道", "安亭镇", "合计"]


def test_download_equals_export(fixture_db, tmp_path, capsysbinary):
    from ui.context import Ctx
    from ui.downloads import download_bytes, download_name
    from unionboard.views import Filters
    res = get_view(fixture_db, "towns")
    ctx = Ctx(db=fixture_db, version=None, lang="zh")
    data = download_bytes(ctx, res)
    assert data.startswith(b"\xef\xbb\xbf")
    out = tmp_path / "towns.csv"
    assert main(["export", "towns", "--db", str(fixture_db), "-o", str(out)]) == 0
    assert data == out.read_bytes()
    assert download_name(ctx, res) == "towns_全区_2015-06-30.csv"
    sub = get_view(fixture_db, "towns", Filters(towns=["安亭镇"]))
    assert download_name(ctx, sub) == "towns_安亭镇_2015-06-30.csv"


def test_ranking_by_the_lower_completion_while_the_table_and_its_download_keep_dictionary_order(fixture_db, monkeypatch,
                                                                                                 tmp_path):
    # 嘉定镇街道 (before 安亭镇 in the dictionary) gets targets it is far from: 0 of 4 new unions, -5 of 10 members
    load(fixture_db, "targets", "年度,街镇,指标,目标值\n2015,嘉定镇街道,新建会单位数,4\n2015,嘉定镇街道,新发展会员数,10\n")
    seen = capture_downloads(monkeypatch)
    at = open_page("towns", query={"town": ["嘉定镇街道", "安亭镇"]})
    assert "排名" in texts(at)
    ranking = at.dataframe[0].value
    # the lower of the two completions: 安亭镇 min(50, 48) = 48 first, 嘉定镇街道 min(0, -50) = -50 second
    assert list(ranking.columns) == ["排名", "街镇", "新建会单位数完成率(%)", "新发展会员数完成率(%)", "进度状态"]
    assert list(ranking["街镇"]) == ["安亭镇", "嘉定镇街道"] and list(ranking["排名"]) == [1, 2]
    assert list(ranking["进度状态"]) == ["预警", "滞后"]
    table = at.dataframe[1].value
    assert list(table["街镇"]) == ["嘉定镇街道", "安亭镇", "合计"]  # the view's order, as exported
    out = tmp_path / "towns.csv"
    assert main(["export", "towns", "--db", str(fixture_db), "--town", "嘉定镇街道", "--town", "安亭镇", "-o", str(out)]) == 0
    assert download_data(seen, "towns_download") == out.read_bytes()
    assert "towns_ranking_download" not in seen  # the ranking is the table below, reordered: no download of its own


def test_ranking_in_english():
    at = open_page("towns")
    at.sidebar.radio(key="lang").set_value("en").run()
    ranking = at.dataframe[0].value
    assert list(ranking.columns)[:2] == ["rank", "town"] and ranking.iloc[0]["town"] == "安亭镇"
    assert ranking.iloc[0]["status"] == "warning"
