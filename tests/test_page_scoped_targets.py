"""Targets with a 范围 on the pages (issue 27): 行业与两新's chart and table of the scopes, 商务楼宇's boxes, 总览's line
and the 通报's paragraph, on the district of test_scoped_targets.py (its numbers are worked out there)."""
from __future__ import annotations

import json

import pytest
from test_scoped_targets import build

from apptest_helpers import decoded, open_page, texts
from unionboard.briefing import BRIEFING_VIEWS, compose, views_for
from unionboard.status import GREEN, RED
from unionboard.views import Filters, get_view

LINE = ("范围目标：1项慢于序时进度——现代服务业（新建会单位数完成33.33%，序时进度49.59%）；2项低于目标——"
        "新经济组织建会率83.33%（低于目标6.67个百分点）、新经济组织入会率77.62%（低于目标2.38个百分点）")


@pytest.fixture
def db(empty_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(empty_db))
    return build(empty_db)


def test_industries_page_charts_each_scope_against_its_target(db):
    at = open_page("industries")
    assert LINE in texts(at)
    scopes = at.dataframe[0].value
    # the scopes with a target, in the views' order; counts, rates and gaps as the cells read
    assert scopes["范围"].tolist() == ["现代服务业", "高新技术产业", "新经济组织", "世界500强", "商务楼宇"]
    assert scopes.iloc[0][["新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)", "新发展会员数目标",
                           "新发展会员数完成率(%)", "进度状态"]].tolist() == ["1", "3", "33.33%", "20", "490.00%", "滞后"]
    assert scopes.iloc[2][["建会率(%)", "建会率目标(%)", "建会率差距(百分点)", "入会率目标(%)", "入会率差距(百分点)",
                           "进度状态"]].tolist() == ["83.33%", "90.00%", "-6.67", "80.00%", "-2.38", ""]
    assert scopes.iloc[4][["新建会单位数目标", "新建会单位数完成率(%)", "建会率差距(百分点)"]].tolist() == ["4", "50.00%", "+5.00"]
    # the views' own tables follow, with the target columns at their end
    assert at.dataframe[1].value.equals(get_view(db, "industries").df)
    chart = at.get("plotly_chart")[2].proto.spec
    data = json.loads(chart)["data"]
    counts, schedule, rates, targets = data
    assert counts["y"] == ["商务楼宇 · 新发展会员数", "商务楼宇 · 新建会单位数", "世界500强 · 新建会单位数",
                           "高新技术产业 · 新发展会员数", "高新技术产业 · 新建会单位数", "现代服务业 · 新发展会员数",
                           "现代服务业 · 新建会单位数"]
    assert decoded(counts["x"]) == [80.0, 50.0, 50.0, 150.0, 50.0, 490.0, 33.33]
    # 33.33 < 0.8 × 49.59: 滞后 (red); the others at or above 序时进度: 达标 (green)
    assert counts["marker"]["color"][-1] == RED and set(counts["marker"]["color"][:-1]) == {GREEN}
    assert decoded(schedule["x"]) == [49.59] * 7
    assert rates["y"] == ["商务楼宇 · 建会率", "新经济组织 · 入会率", "新经济组织 · 建会率"]
    assert decoded(rates["x"]) == [100.0, 77.62, 83.33] and decoded(targets["x"]) == [95.0, 80.0, 90.0]
    assert rates["marker"]["color"] == [GREEN, RED, RED]


def test_buildings_page_says_how_the_buildings_stand(db):
    at = open_page("buildings")
    shown = texts(at)
    # the 商务楼宇 scope: 2 new unions of the 全区 4; 23 new members, 安亭's 8 of its 10; 建会率 100 against 95;
    # no 楼宇工会联合会数 target
    for words in ("商务楼宇新建会单位", "目标 4 · 完成 50.00% · 序时进度 49.59%", "目标 10 · 完成 80.00% · 序时进度 49.59%",
                  "商务楼宇建会率", "目标 95.00% · 差距 +5.00 个百分点", "楼宇工会联合会数", "未下达目标"):
        assert words in shown, words


def test_overview_names_the_scopes_behind(db):
    at = open_page()
    assert LINE in [i.value for i in at.info]


def test_briefing_carries_the_scopes(db):
    blocks = compose(views_for(db, Filters(), BRIEFING_VIEWS))
    paragraph = [text for kind, text in blocks if kind == "para" and str(text).startswith("分行业")]
    assert paragraph == [
        "分行业、“两新”组织和商务楼宇看："
        "现代服务业新建会单位数1家（目标3家，完成33.33%）、新发展会员数93人（目标20人，完成490.00%），序时进度49.59%，进度滞后。"
        "高新技术产业新建会单位数2家（目标2家，完成50.00%）、新发展会员数45人（目标10人，完成150.00%），序时进度49.59%，达到序时进度。"
        "新经济组织建会率83.33%，低于目标6.67个百分点；入会率77.62%，低于目标2.38个百分点。"
        "世界500强新建会单位数1家（目标2家，完成50.00%），序时进度49.59%，达到序时进度。"
        "商务楼宇新建会单位数2家（目标4家，完成50.00%）、新发展会员数23人（目标10人，完成80.00%），序时进度49.59%，达到序时进度；"
        "建会率100.00%，高于目标5.00个百分点。"]
