"""The sample's 目标 (targets): each year's targets of the towns, those with a 范围 (issue 27) and those the towns
signed with their areas (issue 24). Moved from unionboard.kinds.targets (issue 26): the kinds do not import the
simulation."""
from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import DISTRICT, SampleTable
from ..kinds.targets import SCOPE_BUILDINGS
from ..kinds.units import ACTIVE_STATUSES

if TYPE_CHECKING:
    from ..simulation import World


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


# issue 27 — the sample's targets with a 范围: the district's rates for 两新组织 and 商务楼宇 (points above (+) or
# below (−) the year's last report, so some are met and some are not) and the towns' 新建会单位数 for two
# industries (the share of the year's target its last report reaches: in the target year 现代服务业 ahead of
# 序时进度 at 30 June, 高新技术产业 behind it; a finished year close to 100%)
SCOPED_RATE_MARGINS = {"新经济组织": 2.9, "新社会组织": 6.0, SCOPE_BUILDINGS: -1.5}
SCOPED_COUNT_DONE = {"现代服务业": (0.50, 0.72), "高新技术产业": (0.30, 0.46)}


def scoped_targets(world: World, year: int) -> pd.DataFrame:
    """A year's targets with a 范围 (SCOPED_RATE_MARGINS, SCOPED_COUNT_DONE), set from the year's last report.
    Drawn from a generator of their own, so the rest of the sample is the same with or without them."""
    rng = np.random.default_rng(year)
    last = max((i for i, d in enumerate(world.dates) if d.year == year), default=len(world.dates) - 1)
    snap = world.snapshot(last)
    active = snap[snap["经营状态"].isin(ACTIVE_STATUSES)]
    unionised = active["建会情况"] != "未建会"
    two_new = np.where(active["单位类型"].isin(["民营企业", "外资企业", "港澳台企业"]), "新经济组织",
                       np.where(active["单位类型"] == "社会组织", "新社会组织", ""))
    in_scope = {"新经济组织": two_new == "新经济组织", "新社会组织": two_new == "新社会组织",
                SCOPE_BUILDINGS: active["楼宇名称"].notna().to_numpy()}
    rows = []
    for scope, margin in SCOPED_RATE_MARGINS.items():
        m = in_scope[scope]
        if m.any():
            rows.append((year, DISTRICT, scope, "建会率", round(min(99.0, unionised[m].mean() * 100 + margin), 1)))
    formed = snap[(snap["建会情况"] != "未建会") & (snap["建会日期"] >= f"{year}-01-01")]
    for industry, (low, high) in SCOPED_COUNT_DONE.items():
        if year != world.target_year:
            low, high = 0.88, 1.1
        counts = formed[formed["行业类别"] == industry].groupby("街镇").size()
        for town in world.towns:
            if counts.get(town, 0) >= 1:
                done = low + (high - low) * rng.random()
                rows.append((year, town, industry, "新建会单位数", max(1, round(counts[town] / done))))
    return pd.DataFrame(rows, columns=["年度", "街镇", "范围", "指标", "目标值"])


def area_targets(world: World, towns: pd.DataFrame) -> pd.DataFrame:
    """The targets the sample's towns sign with their areas, for the years with a town target: each town's
    新建会单位数 and 新发展会员数 targets shared among its areas — 75% by what each area did that year up to the
    year's last report, 25% by its units — every share rounded up and a little more (5–15%), so their sum is a
    little above what the district gave the town, as towns do; the areas of a town are then a mix of 达标, 预警 and
    滞后 around the town's own status. 华亭镇 (world.not_yet) has signed none yet: its areas are 无目标."""
    rng = np.random.default_rng(24)  # its own stream: the generators drawn after this one keep their numbers
    rows = []
    dates = world.dates
    snapshots: dict[int, pd.DataFrame] = {}  # a year's last report is the next year's baseline: made once

    def snapshot(m: int) -> pd.DataFrame:
        if m not in snapshots:
            snapshots[m] = world.snapshot(m)
        return snapshots[m]

    for year in sorted(set(towns["年度"])):
        last = max((i for i, d in enumerate(dates) if d.year == year), default=len(dates) - 1)
        base_i = max((i for i, d in enumerate(dates) if d <= dt.date(year - 1, 12, 31)), default=None)
        snap = snapshot(last)
        active = snap[snap["经营状态"].isin(ACTIVE_STATUSES) & snap["村居园区"].notna()]
        weight = {"units": active.groupby(["街镇", "村居园区"]).size()}
        new = snap[(snap["建会情况"] != "未建会") & (snap["建会日期"] >= f"{year}-01-01") & snap["村居园区"].notna()]
        weight["新建会单位数"] = new.groupby(["街镇", "村居园区"]).size()
        members = active.groupby(["街镇", "村居园区"])["会员人数"].sum()
        if base_i is not None:
            sb = snapshot(base_i)
            sb = sb[sb["经营状态"].isin(ACTIVE_STATUSES) & sb["村居园区"].notna()]
            members = members.sub(sb.groupby(["街镇", "村居园区"])["会员人数"].sum(), fill_value=0)
        weight["新发展会员数"] = members.clip(lower=0)
        given = towns[(towns["年度"] == year) & towns["指标"].isin(("新建会单位数", "新发展会员数"))]
        for r in given.itertuples(index=False):
            if r.街镇 == world.not_yet or r.街镇 not in weight["units"].index.get_level_values(0):
                continue
            units = weight["units"].loc[r.街镇]
            done = weight[r.指标].loc[r.街镇] if r.街镇 in weight[r.指标].index.get_level_values(0) else units * 0
            done = done.reindex(units.index, fill_value=0)
            share = 0.25 * units / units.sum() + (0.75 * done / done.sum() if done.sum() > 0 else 0.75 * units / units.sum())
            more = 1.05 + 0.10 * rng.random()
            for area, w in share.items():
                rows.append((year, r.街镇, area, r.指标, max(1, math.ceil(r.目标值 * more * w))))
    return pd.DataFrame(rows, columns=["年度", "街镇", "村居园区", "指标", "目标值"])


def sample(world: World) -> list[SampleTable]:
    """The targets of every year with reports (and of the target year), with (issue 27) the targets with a 范围;
    then (issue 24) the targets the towns signed with their areas, a file imported after the reports (the areas
    are those the reports name)."""
    years = target_years(world)
    towns = pd.concat([year_targets(world, y) for y in years], ignore_index=True)
    district = pd.concat([towns] + [scoped_targets(world, y) for y in years], ignore_index=True)
    if not world.with_later:  # `generate`: no file imported after the reports
        return [SampleTable("targets", district)]
    return [SampleTable("targets", district), SampleTable("targets_areas", area_targets(world, towns), after="units")]


