"""targets — 年度目标 (目标责任书): the targets of a year, upserted by (年度, 街镇, 村居园区, 范围, 指标)."""
from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from ..kind import DISTRICT, Col, Kind, SampleTable
from ..sql import execute, load_sql
from .store import Upsert
from .units import ACTIVE_STATUSES

if TYPE_CHECKING:
    from ..simulation import World
    from ..validate import Checker, Context

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
    area_rules(ch)  # issue 24


def scope_rules(ch: Checker) -> None:
    """(issue 27) A 范围 row: 街镇 may be 全区 (only with a 范围), never with a 村居园区, only the four unit
    indicators (DATA-FORMAT.md, targets)."""
    df = ch.df
    scoped = df["scope"].fillna("").to_numpy(dtype=object) != ""
    ch.add((df["town"].to_numpy(dtype=object) == DISTRICT) & ~scoped, "town", "district_needs_scope")
    ch.add(scoped & (df["area"].fillna("").to_numpy(dtype=object) != ""), "scope", "scope_with_area")
    ch.add(scoped & df["indicator"].isin(COUNT_INDICATORS[2:]).to_numpy(), "indicator", "scope_indicator",
           {"allowed": "、".join(SCOPE_INDICATORS)})


# ---------------------------------------------------------------- issue 24: the towns' targets with their areas

AREA_LIST_MAX = 40  # areas named in one refusal; a town with more is said with their number


def town_areas(ctx: Context, towns: list[str]) -> dict[str, set[str]]:
    """The areas (村居园区) of each town: those its current reports name (only their 村居园区 column read, once per
    town), its federations, and the reports checked earlier in the same batch (Context.known_areas)."""
    missing = [t for t in towns if t not in ctx.areas_read]
    if missing:
        found: dict[str, set[str]] = {t: set() for t in missing}
        files = [f for t in missing for f in ctx.report_files.get(t, [])]
        if files:
            con = duckdb.connect()
            try:
                for t, a in execute(con, load_sql("context_areas"), {"files": files}):
                    found.setdefault(t, set()).add(a)
            finally:
                con.close()
        ctx.areas_read.update(found)
    return {t: ctx.areas_read[t] | {a for tt, a in ctx.known_areas if tt == t} for t in towns}


def _area_list(areas: set[str]) -> str:
    """A town's areas as a refusal lists them: in name order, at most AREA_LIST_MAX, then how many in all."""
    names = sorted(areas)
    if not names:
        return "（无）"
    shown = "、".join(names[:AREA_LIST_MAX])
    return shown + (f"等{len(names)}个" if len(names) > AREA_LIST_MAX else "")


def area_rules(ch: Checker) -> None:
    """An area must be one the town's reports or federations name (the row refused, naming the town's areas);
    with a declared town (--town, a 街镇 account) every row is a target that town gave one of its areas."""
    df = ch.df
    area = df["area"].fillna("").astype(str).to_numpy()
    town = df["town"].to_numpy(dtype=object)
    declared = ch.ctx.declared_town
    ch.label.setdefault("area", KIND.col("area").zh)  # a refusal names the column even where the file lacks it
    if declared is not None:
        other = np.array([t is not None and t != declared for t in town], dtype=bool)
        ch.add(other, "town", "target_other_town", {"town": declared})
        ch.add(~other & (area == ""), "area", "target_area_required", {"town": declared})
    named = np.array([bool(a) and t is not None and t != DISTRICT for t, a in zip(town, area, strict=True)], dtype=bool)
    if not named.any():
        return
    areas = town_areas(ch.ctx, sorted({t for t, n in zip(town, named, strict=True) if n}))
    unknown = np.array([n and a not in areas[t] for t, a, n in zip(town, area, named, strict=True)], dtype=bool)
    ch.add(unknown, "area", "unknown_area", lambda i: {"town": town[i], "areas": _area_list(areas[town[i]])})


def prefill(con: duckdb.DuckDBPyConnection, town: str, as_of: dt.date | None) -> pd.DataFrame:
    """A town's targets template (CLI.md, `template targets --town T`): one row per area of the town and count
    indicator, for the year of `as_of` (else of the latest report), the 目标值 empty for the town to fill in."""
    areas = [a for _, a in execute(con, load_sql("template_areas"), {"town": town})]
    year = execute(con, load_sql("template_target_year"), {"as_of": as_of})[0][0]
    rows = [(year, town, a, ind) for a in areas for ind in COUNT_INDICATORS]
    return pd.DataFrame(rows, columns=["year", "town", "area", "indicator"])


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


KIND = Kind(
    "targets", "年度目标",
    (
        Col("year", "年度", "int", True, min_value=1900, rule="integer"),
        Col("town", "街镇", "town_or_district", True,
            rule="known town, or 全区 for a target the district set for itself (only with a 范围)",
            rule_zh="已知街镇；区自定的目标填“全区”（仅限填写了范围的行）"),
        Col("area", "村居园区", "text", default="", lists="areas",
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
        Col("target", "目标值", "number", True, positive=True, skip_row_when_empty=True,
            rule="number > 0; rates in percent (98 means 98%). A row whose 目标值 is empty sets no target and is "
                 "skipped with a notice (a template lists every area and indicator, and a town fills in those it "
                 "signed)",
            rule_zh="大于 0 的数；比率按百分数填（98 表示 98%）。目标值为空的行不设目标，导入时跳过并提示"
                    "（模板列出每个村居园区和指标，街镇只填已签订的）"),
    ),
    Upsert("targets", ("year", "town", "area", "scope", "indicator")),
    rules=rules, sample=sample, prefill=prefill,
)
