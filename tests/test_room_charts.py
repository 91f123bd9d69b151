"""The room view's charts and words (issue 22), on small hand-made frames: reference lines beneath the bars and
labelled in the legend, the tables' two decimals, series told apart by pattern, 企业动态 diverging, the projector's
type sizes, English composed values, tables fitted to their rows."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ui.tables import FIT_ROWS, fitted_height
from unionboard import charts
from unionboard.kinds import KINDS
from unionboard.kinds.store import added_line
from unionboard.views import localize

TOWNS = pd.DataFrame({"街镇": ["甲镇", "乙镇", "丙镇"], "新建会单位数完成率(%)": [52.0, 44.0, 30.5],
                      "新发展会员数完成率(%)": [47.0, 60.125, None], "序时进度(%)": [49.59] * 3})


def test_reference_lines_sit_beneath_the_bars_and_are_named_in_the_legend():
    fig = charts.town_progress(TOWNS)
    assert [s.layer for s in fig.layout.shapes] == ["below", "below"]
    assert [round(s.y0, 2) for s in fig.layout.shapes] == [49.59, 39.67]  # 序时进度 and 0.8 × it
    assert not fig.layout.annotations  # nothing written inside the plot
    legend = [t.name for t in fig.data if t.type == "scatter"]
    assert legend == ["序时进度 49.59%", "预警线 39.67%"]
    bars = [t for t in fig.data if t.type == "bar"]
    assert list(bars[0].text) == ["52.00", "44.00", "30.50"] and list(bars[1].text) == ["47.00", "60.12", ""]
    assert [b.marker.pattern.shape for b in bars] == ["", "/"]  # told apart by more than colour


def test_the_completion_chart_takes_any_label_column():
    areas = TOWNS.rename(columns={"街镇": "村居园区"})
    fig = charts.town_progress(areas, name_col="村居园区")
    assert list(fig.data[0].x) == ["甲镇", "乙镇", "丙镇"]


def test_dynamics_are_openings_against_closures():
    rows = pd.DataFrame({"月份": ["2015-01", "2015-01", "2015-02"], "街镇": ["甲镇", "乙镇", "甲镇"],
                         "新开业": [3, 2, 1], "迁入": [1, 0, 0], "停产": [0, 1, 0], "关闭": [2, 0, 4], "迁出": [0, 1, 0]})
    fig = charts.dynamics_monthly(rows)
    assert fig.layout.barmode == "relative"
    ys = {t.name: list(t.y) for t in fig.data}
    assert ys == {"新开业": [5, 1], "迁入": [1, 0], "停产": [-1, 0], "关闭": [-2, -4], "迁出": [-1, 0]}
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert ticks[-4] == "4" and ticks[6] == "6"  # closures counted without a minus sign
    assert len({t.marker.pattern.shape for t in fig.data}) == 5


def test_projector_text_is_at_least_18_px():
    big = charts.projector(charts.town_progress(TOWNS))
    assert big.layout.font.size == charts.PROJECTOR_TEXT >= 18
    assert big.layout.xaxis.tickfont.size >= 18 and big.layout.yaxis.tickfont.size >= 18
    assert big.layout.legend.font.size >= 18
    assert all(t.textfont.size >= 18 for t in big.data if t.type == "bar")
    assert big.layout.height is None  # it fills the box the slide gives it


def test_english_composed_values():
    df = pd.DataFrame({"核对情况": ["已核对", "沿用 2015-05-31 报送数据，本期无新报表", "11 个街镇已核对"],
                       "数据来源": ["2015-06-30 报表", "沿用 2015-05-31 报送数据", None]})
    en = localize(df, "en")
    assert list(en.iloc[:, 0]) == ["checked", "carried forward from 2015-05-31: no new report", "11 towns checked"]
    assert list(en.iloc[:2, 1]) == ["report of 2015-06-30", "carried forward from 2015-05-31"]


def test_an_import_summary_in_words():
    assert added_line(KINDS["training"], 176, 176, "zh") == "干部培训：新增 176 行，0 行已有"
    assert added_line(KINDS["events"], 5, 2, "en") == "events: 2 rows added, 3 already there"


def test_tables_are_fitted_to_their_rows():
    assert fitted_height(13, None) == "content"  # 12 towns and 合计, no scrolling inside
    assert fitted_height(FIT_ROWS + 1, None) == "auto"
    assert fitted_height(13, 420) == 420


def test_trend_charts_draw_the_oldest_on_the_left():
    trend = pd.DataFrame({"报表日期": [dt.date(2015, 6, 30), dt.date(2015, 5, 31)], "新建会单位数完成率(%)": [50.0, 40.0],
                          "新发展会员数完成率(%)": [48.0, 39.0], "序时进度(%)": [49.59, 41.1]})
    assert list(charts.trend_progress(trend).data[0].x) == ["2015-05-31", "2015-06-30"]
