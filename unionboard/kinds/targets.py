"""targets — 年度目标 (目标责任书): the targets of a year, upserted by (年度, 街镇, 村居园区, 范围, 指标)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import DISTRICT, Col, Kind
from .store import Upsert
from .units import ACTIVE_STATUSES

if TYPE_CHECKING:
    from ..simulation import World
    from ..validate import Checker

TARGET_INDICATORS = ("新建会单位数", "新发展会员数", "建会率", "入会率", "楼宇工会联合会数", "村(园区)工会联合会数")
COUNT_INDICATORS = ("新建会单位数", "新发展会员数", "楼宇工会联合会数", "村(园区)工会联合会数")
# 范围 (DATA-FORMAT.md, targets): the part of the units a target is about. Empty: all units.
SCOPE_INDUSTRIES = ("现代服务业", "高新技术产业", "制造业", "建筑业", "商贸流通", "其他")
SCOPE_TWO_NEW = ("新经济组织", "新社会组织")
SCOPE_FORTUNE500 = "世界500强"
SCOPE_BUILDINGS = "商务楼宇"
SCOPES = SCOPE_INDUSTRIES + SCOPE_TWO_NEW + (SCOPE_FORTUNE500, SCOPE_BUILDINGS)
SCOPE_INDICATORS = TARGET_INDICATORS[:4]  # with a 范围, only the four unit indicators
# 街镇 of a target the district set for itself (only with a 范围): unionboard.kind.DISTRICT


def rules(ch: Checker) -> None:
    """One row per (年度, 街镇, 村居园区, 范围, 指标)."""
    ch.duplicates(["year", "town", "area", "scope", "indicator"], "indicator")
    scope_rules(ch)


def scope_rules(ch: Checker) -> None:
    """(issue 27) A 范围 row: 街镇 may be 全区 (only with a 范围), never with a 村居园区, only the four unit
    indicators (DATA-FORMAT.md, targets)."""
    df = ch.df
    scoped = df["scope"].fillna("").to_numpy(dtype=object) != ""
    ch.add((df["town"].to_numpy(dtype=object) == DISTRICT) & ~scoped, "town", "district_needs_scope")
    ch.add(scoped & (df["area"].fillna("").to_numpy(dtype=object) != ""), "scope", "scope_with_area")
    ch.add(scoped & df["indicator"].isin(COUNT_INDICATORS[2:]).to_numpy(), "indicator", "scope_indicator",
           {"allowed": "、".join(SCOPE_INDICATORS)})


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


def sample(world: World) -> pd.DataFrame:
    """The targets of every year with reports (and of the target year)."""
    years = target_years(world)
    return pd.concat([year_targets(world, y) for y in years] + [scoped_targets(world, y) for y in years],
                     ignore_index=True)


KIND = Kind(
    "targets", "年度目标",
    (
        Col("year", "年度", "int", True, min_value=1900, rule="integer"),
        Col("town", "街镇", "town_or_district", True,
            rule="known town, or 全区 for a target the district set for itself (only with a 范围)",
            rule_zh="已知街镇；区自定的目标填“全区”（仅限填写了范围的行）"),
        Col("area", "村居园区", "text", default="",
            rule="an area of that town: one that the town's reports or its federations name. Empty: the target "
                 "the district gave the town; given: the target the town gave that area",
            rule_zh="该街镇的村居园区（其名册或工会联合会中出现过的名称）。不填：区下达给街镇的目标；"
                    "填写：街镇下达给该村居园区的目标"),
        Col("scope", "范围", "enum", values=SCOPES, default="",
            rule="a part of the units the target is about: a 行业类别 (现代服务业 / 高新技术产业 / 制造业 / 建筑业 / "
                 "商贸流通 / 其他), a 两新组织 (新经济组织 / 新社会组织), 世界500强, or 商务楼宇 (units in a building). "
                 "Empty: all units. Not together with 村居园区",
            rule_zh="目标针对的单位范围：行业类别（现代服务业、高新技术产业、制造业、建筑业、商贸流通、其他）、"
                    "两新组织（新经济组织、新社会组织）、世界500强或商务楼宇（楼宇内单位）。不填：全部单位。"
                    "不可与村居园区同时填写"),
        Col("indicator", "指标", "enum", True, values=TARGET_INDICATORS,
            rule="新建会单位数 / 新发展会员数 / 建会率 / 入会率 / 楼宇工会联合会数 / 村(园区)工会联合会数; "
                 "with a 范围, only the first four"),
        Col("target", "目标值", "number", True, positive=True,
            rule="number > 0; rates in percent (98 means 98%). A row whose 目标值 is empty sets no target and is "
                 "skipped with a notice (a template lists every area and indicator, and a town fills in those it "
                 "signed)",
            rule_zh="大于 0 的数；比率按百分数填（98 表示 98%）。目标值为空的行不设目标，导入时跳过并提示"
                    "（模板列出每个村居园区和指标，街镇只填已签订的）"),
    ),
    Upsert("targets", ("year", "town", "area", "scope", "indicator")),
    rules=rules, sample=sample,
)
