"""The sample's 单位变动 (events) after the first report. Moved from unionboard.kinds.events (issue 26): the kinds do
not import the simulation."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import OUTSIDE
from ..kinds.events import KIND

if TYPE_CHECKING:
    from ..simulation import World


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
