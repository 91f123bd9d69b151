"""targets — 年度目标 (目标责任书): the targets of a year, upserted by (年度, 街镇, 村居园区, 范围, 指标)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..kind import DISTRICT, Col, Kind
from .store import Upsert

if TYPE_CHECKING:
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
    rules=rules,
)
