"""进度状态 — 达标 / 预警 / 滞后 — and the colours that mean them, wherever they are drawn.

The rule (METRICS.md): a completion at or above 序时进度 is 达标, at or above 0.8 × 序时进度 预警, else
滞后. The towns view's 进度状态 column comes from the SQL macro `progress_status` in
queries/vocabulary.sql; Python colours each indicator's bar with `status_of`, the same rule
(tests/test_progress_status.py runs both on the same values). One colour means one thing everywhere
— on the pages, in the charts and in the 通报's pictures: green 达标, amber 预警, red 滞后; blue for
plain quantities, grey for "none yet".
"""
from __future__ import annotations

import math

ON_TRACK, WARNING, LAGGING = "达标", "预警", "滞后"
STATUSES = (ON_TRACK, WARNING, LAGGING)
WARNING_SHARE = 0.8  # of 序时进度: below it a completion is 滞后

GREEN, AMBER, RED = "#2E7D32", "#F2A900", "#C62828"
# Series colours (issue 22): the Okabe-Ito colour-blind-safe palette without its green, orange and vermillion
# (those mean 达标/预警/滞后): blue, sky blue, reddish purple and near-black differ in lightness as well as hue,
# so a projector's washed-out colours and a colour-blind viewer still tell them apart; the charts add a
# pattern (bars) or a marker and dash (lines) per series on top of the colour.
BLUE, LIGHT_BLUE, GREY, DARK, PURPLE = "#0072B2", "#56B4E9", "#B0B7C3", "#222222", "#CC79A7"
PATTERNS = ("", "/", ".", "x", "-")  # bar patterns, one per series, in the order of the series
MARKERS = (("circle", "solid"), ("square", "dash"), ("diamond", "dot"))  # line series: marker and dash
COLOURS = {ON_TRACK: GREEN, WARNING: AMBER, LAGGING: RED}
# 报送状态 in the same three colours, and grey for "none yet": on time, late, missing, not yet due
REPORT_COLOURS = {"按时": GREEN, "逾期": AMBER, "未报送": RED, "待报": GREY}


def status_of(done: float | None, schedule: float) -> str | None:
    """The status of one completion (%) against 序时进度 (%); None without a completion."""
    if done is None or (isinstance(done, float) and math.isnan(done)) or done != done:
        return None
    if done >= schedule:
        return ON_TRACK
    return WARNING if done >= WARNING_SHARE * schedule else LAGGING


def colour_of(done: float | None, schedule: float) -> str:
    """The colour of one completion's bar: its status's, grey without a completion."""
    status = status_of(done, schedule)
    return COLOURS.get(status, GREY) if status else GREY
