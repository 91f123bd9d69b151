"""events — 企业动态: openings, stoppages, closures and moves, a log (a row already present is not added again)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import OUTSIDE, Col, Kind
from .store import Log

if TYPE_CHECKING:
    from ..simulation import World
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


def sample(world: World) -> pd.DataFrame:
    """Openings, stoppages, closures and moves after the first report (the ones the simulation left
    unreported — units opened or moved silently — have no event)."""
    rng = world.rng
    days = np.array([d.toordinal() for d in world.dates])
    rows: list[tuple] = []
    towns = np.array(world.towns, dtype=object)

    def day_in(m: np.ndarray) -> np.ndarray:
        span = days[m] - days[m - 1]
        return days[m - 1] + 1 + (rng.random(len(m)) * span).astype(np.int64)

    def members_at(i: np.ndarray, m: np.ndarray) -> np.ndarray:
        emp = np.maximum(1, np.round(world.employees0[i] * (1 + world.growth[i]) ** (m - world.open_m[i])))
        return np.where(world.union_m[i] < m, np.round(emp * world.member_rate[i]), 0).astype(np.int64)

    opened = np.flatnonzero((world.open_m >= 1) & ~world.silent)
    inbound = rng.random(len(opened)) < 0.15
    for i, d, ib in zip(opened, day_in(world.open_m[opened]), inbound, strict=True):
        rows.append((d, world.code[i], world.name[i], "迁入" if ib else "新开业", OUTSIDE if ib else None,
                     towns[world.town_i[i]], "无工会", None, None))
    gone = np.flatnonzero(world.close_m < world.NEVER)
    mem = members_at(gone, world.close_m[gone])
    r = rng.random(len(gone))
    for i, d, mm, x in zip(gone, day_in(world.close_m[gone]), mem, r, strict=True):
        ev = world.close_status[i]
        if mm == 0:
            action, tr = "无工会", None
        elif x < 0.55:
            action, tr = "转移接续", int(mm) if x < 0.40 else int(mm * 0.7)
        else:
            action, tr = "撤销", 0 if x < 0.85 else int(mm * 0.4)
        rows.append((d, world.code[i], world.name[i], "关闭" if ev == "关闭" else "迁出",
                     towns[world.town_i[i]] if ev == "迁出" else None, OUTSIDE if ev == "迁出" else None,
                     action, int(mm) if mm else None, tr))
    moved = np.flatnonzero((world.move_m < world.NEVER) & ~world.silent)
    mem = members_at(moved, world.move_m[moved])
    for i, d, mm in zip(moved, day_in(world.move_m[moved]), mem, strict=True):
        action = "保留" if mm else "无工会"
        for ev in ("迁出", "迁入"):
            rows.append((d, world.code[i], world.name[i], ev, towns[world.town_i[i]], towns[world.move_to[i]],
                         action, int(mm) if mm else None, int(mm) if mm else None))
    stopped = np.flatnonzero(world.stop_m < world.NEVER)
    for i, d in zip(stopped, day_in(world.stop_m[stopped]), strict=True):
        rows.append((d, world.code[i], world.name[i], "停产", towns[world.town_i[i]], None,
                     "保留" if world.union_m[i] < world.stop_m[i] else "无工会", None, None))
    df = pd.DataFrame(rows, columns=[c.zh for c in KIND.cols])
    df["日期"] = [dt.date.fromordinal(int(d)).isoformat() for d in df["日期"]]
    for c in ("涉及会员数", "转接会员数"):
        df[c] = df[c].astype("Int64")
    return df.sort_values(["日期", "统一社会信用代码", "事件"], kind="stable").reset_index(drop=True)


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
    rules=rules, sample=sample,
)
