"""federations — 工会联合会: federations of unions, upserted by 联合会名称."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import Col, Kind
from .store import Upsert

if TYPE_CHECKING:
    from ..validate import Checker, Context

FEDERATION_KINDS = ("村工会联合会", "园区工会联合会", "楼宇工会联合会", "行业工会联合会", "区域工会联合会")


def rules(ch: Checker) -> None:
    """Names are unique; a 楼宇工会联合会 names a known building of its town."""
    df = ch.df
    ch.duplicates(["federation"], "federation")
    is_bld = (df["kind"] == "楼宇工会联合会").to_numpy()
    missing = is_bld & df["building"].isna().to_numpy()
    ch.add(missing, "building", "building_required")
    known = ch.ctx.buildings
    unknown = np.array([bool(b) and t is not None and (t, b) not in known
                        for t, b in zip(df["town"], df["building"], strict=True)]) & is_bld
    ch.add(unknown, "building", "unknown_building",
           lambda i: {"town": df["town"].iat[i]})


def learn(ctx: Context, df: pd.DataFrame) -> None:
    """Later sheets (units) may name the file's federations."""
    ctx.federations.update(f for f in df["federation"] if f)
    # issue 24: and a targets sheet after it may set targets for the areas they name
    ctx.known_areas.update((t, a) for t, a in zip(df["town"], df["area"], strict=True) if t and a)


KIND = Kind(
    "federations", "工会联合会",
    (
        Col("federation", "联合会名称", "text", True, rule="unique"),
        Col("kind", "类型", "enum", True, values=FEDERATION_KINDS,
            rule="村工会联合会 / 园区工会联合会 / 楼宇工会联合会 / 行业工会联合会 / 区域工会联合会"),
        Col("town", "街镇", "town", True, rule="known town"),
        Col("area", "村居园区", "text"),
        Col("building", "楼宇名称", "text", required_when="for 楼宇工会联合会", rule="known building of that town",
            required_when_zh="楼宇工会联合会必填", lists="buildings"),
        Col("founded", "成立日期", "date", True, rule="date"),
        Col("fulltime_cadres", "专职干部人数", "int", min_value=0, default=0, rule="integer ≥ 0, default 0",
            rule_zh="≥ 0 的整数，空着按 0"),
    ),
    Upsert("federations", ("federation",)),
    rules=rules, learn=learn,
)
