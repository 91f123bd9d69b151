"""街镇进度 page: the chart, the ranking table (= the towns view), drill-down, download = export."""
from __future__ import annotations

import json

import pytest

from apptest_helpers import decoded, open_page, texts
from unionboard.cli import main
from unionboard.views import get_view


@pytest.fixture(autouse=True)
def _db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))


def test_table_is_the_towns_view(fixture_db):
    at = open_page("towns")
    shown = at.dataframe[0].value
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
    at = open_page("towns")
    at.selectbox(key="towns_drill").select("安亭镇").run()
    assert "安亭镇：村居园区" in texts(at)
    areas = at.dataframe[2].value  # after the towns table and the key rates
    assert list(areas["村居园区"]) == ["红星村", "（未填）"]  # equal sizes: by name
    assert list(areas["在营单位数"]) == [2, 2]
    feds = at.dataframe[3].value
    assert list(feds["联合会名称"]) == ["安亭红星村工会联合会"]


def test_town_filter_from_url():
    at = open_page("towns", query={"town": ["安亭镇", "嘉定镇街道"]})
    assert list(at.dataframe[0].value["街镇"]) == ["嘉定镇街道", "安亭镇", "合计"]


def test_download_equals_export(fixture_db, tmp_path, capsysbinary):
    from ui import shell
    res = get_view(fixture_db, "towns")
    ctx = shell.Ctx(db=fixture_db, version=None, lang="zh")
    data = shell.download_bytes(ctx, res)
    assert data.startswith(b"\xef\xbb\xbf")
    out = tmp_path / "towns.csv"
    assert main(["export", "towns", "--db", str(fixture_db), "-o", str(out)]) == 0
    assert data == out.read_bytes()
    assert shell.download_name(ctx, res) == "towns_全区_2015-06-30.csv"
    sub = get_view(fixture_db, "towns", shell.Filters(towns=["安亭镇"]))
    assert shell.download_name(ctx, sub) == "towns_安亭镇_2015-06-30.csv"
