"""events — 企业动态: openings, stoppages, closures and moves, a log (a row already present is not added again)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import Col, Kind
from .store import Log

if TYPE_CHECKING:
    from ..validate import Checker

EVENTS = ("新开业", "停产", "关闭", "迁入", "迁出")
UNION_ACTIONS = ("无工会", "保留", "转移接续", "撤销")


def rules(ch: Checker) -> None:
    """A 迁出 names where from, a 新开业 or 迁入 where to; no more members transferred than involved."""
    df = ch.df
    ev = df["event"].to_numpy(dtype=object)
    ch.add((ev == "迁出") & pd.isna(df["from_town"].to_numpy(dtype=object))
           & (ch.raw.get("from_town", pd.Series([""] * len(df))) == "").to_numpy(),
           "from_town", "from_town_required")
    ch.add(((ev == "新开业") | (ev == "迁入")) & pd.isna(df["to_town"].to_numpy(dtype=object))
           & (ch.raw.get("to_town", pd.Series([""] * len(df))) == "").to_numpy(),
           "to_town", "to_town_required")
    aff, tr = ch.num("members_affected"), ch.num("members_transferred")
    with np.errstate(invalid="ignore"):
        ch.add(tr > np.nan_to_num(aff, nan=0.0), "members_transferred", "gt_affected",
               lambda i: {"limit": int(np.nan_to_num(aff[i]))})


KIND = Kind(
    "events", "企业动态",
    (
        Col("date", "日期", "date", True, rule="date"),
        Col("credit_code", "统一社会信用代码", "code", True, rule="valid code", rule_zh="有效的统一社会信用代码"),
        Col("name", "单位名称", "text", True),
        Col("event", "事件", "enum", True, values=EVENTS, rule="新开业 / 停产 / 关闭 / 迁入 / 迁出"),
        Col("from_town", "原街镇", "town_or_outside", required_when="for 迁出, 迁入 within the district",
            rule="known town, or 区外", required_when_zh="迁出、区内迁入必填"),
        Col("to_town", "现街镇", "town_or_outside", required_when="for 新开业, 迁入", rule="known town, or 区外",
            required_when_zh="新开业、迁入必填"),
        Col("union_action", "工会处置", "enum", True, values=UNION_ACTIONS, rule="无工会 / 保留 / 转移接续 / 撤销"),
        Col("members_affected", "涉及会员数", "int", min_value=0, rule="integer ≥ 0"),
        Col("members_transferred", "转接会员数", "int", min_value=0, rule="integer, ≤ 涉及会员数",
            rule_zh="整数，≤ 涉及会员数"),
    ),
    Log("events"),
    rules=rules,
)
