"""buildings — 商务楼宇: the commercial buildings of each town, upserted by (街镇, 楼宇名称)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..kind import Col, Kind
from .store import Upsert

if TYPE_CHECKING:
    from ..validate import Checker, Context


def rules(ch: Checker) -> None:
    """A building is named once per town."""
    ch.duplicates(["town", "building"], "building")


def learn(ctx: Context, df: pd.DataFrame) -> None:
    """Later sheets (federations, units) may name the file's buildings."""
    ctx.buildings.update((t, b) for t, b in zip(df["town"], df["building"], strict=True) if t and b)


KIND = Kind(
    "buildings", "商务楼宇",
    (
        Col("building", "楼宇名称", "text", True, rule="unique within a town", rule_zh="同一街镇内不得重复"),
        Col("town", "街镇", "town", True, rule="known town"),
    ),
    Upsert("buildings", ("town", "building")),
    rules=rules, learn=learn,
)
