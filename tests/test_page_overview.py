"""总览 page: KPI numbers, deltas, 双过半, summary, filters and URL values, on the hand-computed fixture."""
from __future__ import annotations

import pytest

from apptest_helpers import metrics, open_page, texts


@pytest.fixture(autouse=True)
def _db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))


def test_kpis_match_hand_computation():
    at = open_page()
    m = metrics(at)
    assert (m["在营单位"], m["已建会单位"], m["建会率"], m["会员"], m["入会率"], m["农民工入会率"]) == (
        "6", "4", "66.67%", "173", "80.47%", "86.67%")
    assert (m["新建会单位"], m["新发展会员"], m["序时进度"], m["双过半"]) == ("3", "43", "49.59%", "未实现")
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["在营单位"] == "+3" and deltas["会员"] == "+43" and deltas["建会率"] == "+0.00 pt"
    # the first report of 2015: a year-to-date count's 环比 is the value itself (issue 23)
    assert (deltas["新建会单位"], deltas["新发展会员"]) == ("+3", "+43")
    page = texts(at)
    assert "截至2015年6月30日，全区在营单位6家，已建会单位4家，建会率66.67%" in page
    assert "新建会单位3家，完成年度目标（6家）的50.00%" in page
    assert "目标 6 · 完成 50.00%" in page
    assert "预警 1" in page  # 安亭镇
    assert len(at.get("plotly_chart")) == 2


def test_every_kpi_has_a_definition():
    at = open_page()
    assert all(m.help for m in at.metric)
    assert "2015年6月30日 = 181/365" in next(m.help for m in at.metric if m.label == "序时进度")


def test_town_filter_changes_kpis():
    at = open_page()
    at.sidebar.multiselect(key="town").select("嘉定镇街道").run()
    m = metrics(at)
    assert (m["在营单位"], m["已建会单位"], m["会员"], m["新发展会员"]) == ("2", "1", "45", "-5")
    assert "所选街镇（嘉定镇街道）" in texts(at)


def test_industry_and_asof_filters():
    at = open_page()
    at.sidebar.selectbox(key="industry").select("制造业").run()
    assert metrics(at)["在营单位"] == "1"
    at.sidebar.selectbox(key="asof").select("2014-12-31").run()
    m = metrics(at)
    assert m["在营单位"] == "1" and m["会员"] == "80"


def test_url_restores_view_with_alias():
    at = open_page(query={"town": "安亭", "asof": "2015-06-30"})
    assert metrics(at)["在营单位"] == "4"
    assert at.sidebar.multiselect(key="town").value == ["安亭镇"]


def test_url_date_between_snapshots_uses_latest_before():
    at = open_page(query={"asof": "2015-05-01"})
    assert metrics(at)["在营单位"] == "3"
    assert "已使用此前最近的快照 2014-12-31" in texts(at)


@pytest.mark.parametrize("query", [
    {"town": "<script>alert(1)</script>"},
    {"town": "'; DROP TABLE units; --"},
    {"asof": "2015-99-99"},
    {"asof": "1900-01-01"},
    {"industry": "=cmd|' /C calc'!A0"},
])
def test_bad_url_values_are_ignored_with_a_notice(query):
    at = open_page(query=query)
    assert metrics(at)["在营单位"] == "6"  # the district view, unchanged
    assert "已忽略" in texts(at)


def test_english():
    at = open_page(query={"lang": "en"})
    m = metrics(at)
    assert m["Active units"] == "6" and m["Half by mid-year"] == "No"
    assert "As of 2015-06-30, the district had 6 active units" in texts(at)
