"""targets — 年度目标 (目标责任书): each town's targets for a year, upserted by (年度, 街镇, 指标)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from ..kind import Col, Kind
from .store import Upsert
from .units import ACTIVE_STATUSES

if TYPE_CHECKING:
    from ..simulation import World
    from ..validate import Checker

TARGET_INDICATORS = ("新建会单位数", "新发展会员数", "建会率", "入会率", "楼宇工会联合会数", "村(园区)工会联合会数")
COUNT_INDICATORS = ("新建会单位数", "新发展会员数", "楼宇工会联合会数", "村(园区)工会联合会数")


def rules(ch: Checker) -> None:
    """One row per (年度, 街镇, 指标)."""
    ch.duplicates(["year", "town", "indicator"], "indicator")


def target_years(world: World) -> list[int]:
    """The years that get targets: those with a report and a baseline before them, and the target year."""
    years = {d.year for d in world.dates if any(b <= dt.date(d.year - 1, 12, 31) for b in world.dates)}
    return sorted(years | {world.target_year})


def year_targets(world: World, year: int) -> pd.DataFrame:
    """A year's targets, set so that the year's last report shows each town's intended completion: for the
    target year the profile's (at 30 June), for an earlier year close to 100% at its end."""
    dates = world.dates
    last = max((i for i, d in enumerate(dates) if d.year == year), default=len(dates) - 1)
    y0 = dt.date(year, 1, 1).toordinal()
    cut = dates[last].toordinal()
    new_union = (world.union_day >= y0) & (world.union_day <= cut) & (world.open_m <= last)
    snap_last = world.snapshot(last)
    active_last = snap_last["经营状态"].isin(ACTIVE_STATUSES)
    base_i = max((i for i, d in enumerate(dates) if d <= dt.date(year - 1, 12, 31)), default=None)
    members_base = None
    if base_i is not None:
        sb = world.snapshot(base_i)
        members_base = sb[sb["经营状态"].isin(ACTIVE_STATUSES)].groupby("街镇")["会员人数"].sum()
    members_last = snap_last[active_last].groupby("街镇")["会员人数"].sum()
    cover = snap_last[active_last].assign(u=snap_last["建会情况"] != "未建会").groupby("街镇")["u"].mean()
    fed_counts = world.feds[world.feds["founded"] <= dates[last]].groupby(["town", "kind"]).size()
    rows: list[tuple] = []
    for ti, t in enumerate(world.towns):
        c_units, c_members = world.profile(t).done_units, world.profile(t).done_members
        if year != world.target_year:  # a finished year: most towns close to their targets
            c_units, c_members = 0.88 + 0.24 * world.rng.random(), 0.86 + 0.26 * world.rng.random()
        actual_units = int((new_union & (world.town_i == ti)).sum())
        rows.append((year, t, "新建会单位数", max(1, round(actual_units / c_units))))
        if members_base is not None:
            growth = int(members_last.get(t, 0) - members_base.get(t, 0))
        else:
            growth = int(members_last.get(t, 0) * 0.04)
        rows.append((year, t, "新发展会员数", max(10, round(max(growth, 1) / c_members))))
        rows.append((year, t, "建会率", round(min(99.0, cover.get(t, 0.6) * 100 + 4), 1)))
        rows.append((year, t, "入会率", 92.0))
        # federations: one more this year (a finished year: what was reached)
        more = 1 if year == world.target_year else 0
        b = int(fed_counts.get((t, "楼宇工会联合会"), 0))
        if b:  # where the town already has building federations
            rows.append((year, t, "楼宇工会联合会数", b + more))
        v = int(fed_counts.get((t, "村工会联合会"), 0) + fed_counts.get((t, "园区工会联合会"), 0))
        rows.append((year, t, "村(园区)工会联合会数", v + more))
    return pd.DataFrame(rows, columns=["年度", "街镇", "指标", "目标值"])


def sample(world: World) -> pd.DataFrame:
    """The targets of every year with reports (and of the target year)."""
    return pd.concat([year_targets(world, y) for y in target_years(world)], ignore_index=True)


KIND = Kind(
    "targets", "年度目标",
    (
        Col("year", "年度", "int", True, min_value=1900, rule="integer"),
        Col("town", "街镇", "town", True, rule="known town"),
        Col("indicator", "指标", "enum", True, values=TARGET_INDICATORS,
            rule="新建会单位数 / 新发展会员数 / 建会率 / 入会率 / 楼宇工会联合会数 / 村(园区)工会联合会数"),
        Col("target", "目标值", "number", True, positive=True, rule="number > 0; rates in percent (98 means 98%)",
            rule_zh="大于 0 的数；比率按百分数填（98 表示 98%）"),
    ),
    Upsert("targets", ("year", "town", "indicator")),
    rules=rules, sample=sample,
)
