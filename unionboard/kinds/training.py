"""training — 干部培训: cadre training sessions per town, a log (a row already present is not added again)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..kind import Col, Kind
from .store import Log

if TYPE_CHECKING:
    from ..validate import Checker

AUDIENCES = ("村(园区)工会主席", "企业工会主席", "工会干部")


def rules(ch: Checker) -> None:
    """A session ends on or after the day it starts."""
    df = ch.df
    start, end = df["start"].to_numpy(dtype=object), df["end"].to_numpy(dtype=object)
    bad = np.array([s is not None and e is not None and e < s for s, e in zip(start, end, strict=True)], dtype=bool)
    ch.add(bad, "end", "end_before_start", lambda i: {"start": start[i].isoformat()})


KIND = Kind(
    "training", "干部培训",
    (
        Col("start", "开始日期", "date", True, rule="date"),
        Col("end", "结束日期", "date", True, rule="date ≥ 开始日期", rule_zh="日期，不早于开始日期"),
        Col("place", "地点", "text"),
        Col("organiser", "主办单位", "organiser", True, rule="区总工会, or a known town",
            rule_zh="「区总工会」或已知街镇"),
        Col("town", "参训街镇", "town", True, rule="known town"),
        Col("audience", "培训对象", "enum", True, values=AUDIENCES, rule="村(园区)工会主席 / 企业工会主席 / 工会干部"),
        Col("trainees", "参训人数", "int", True, positive=True, rule="integer > 0", rule_zh="大于 0 的整数"),
    ),
    Log("training"),
    rules=rules,
)
