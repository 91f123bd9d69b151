"""targets — 年度目标 (目标责任书): the targets of a year, upserted by (年度, 街镇, 村居园区, 范围, 指标)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from ..kind import DISTRICT, Col, Kind
from ..sql import execute, load_sql
from .store import Upsert

if TYPE_CHECKING:
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
    rules=rules, prefill=prefill,
)
