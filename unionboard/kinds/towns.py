"""towns — 街镇: the town dictionary (DATA-FORMAT.md), upserted by 街镇; later sheets may name its towns."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import Col, Kind
from ..validate import TOTAL_WORDS, is_total_word
from .store import Upsert

if TYPE_CHECKING:
    from ..validate import Checker, Context

TOWN_KINDS = ("镇", "街道", "工业区", "新区")


def rules(ch: Checker) -> None:
    """Towns are unique; no town or alias is a total word; an alias belongs to one town only."""
    df = ch.df
    ch.duplicates(["town"], "town")
    aliases = [[p.strip() for p in re.split(r"[、,，;；]", a or "") if p.strip()] for a in df["aliases"]]
    df["aliases"] = aliases
    words = "、".join(TOTAL_WORDS)
    ch.add(np.array([is_total_word(t) for t in df["town"]], dtype=bool), "town", "reserved_town", {"words": words})
    ch.add(np.array([any(is_total_word(a) for a in parts) for parts in aliases], dtype=bool), "aliases",
           "reserved_town", {"words": words})
    # A file redefines the aliases of the towns it names; an alias must not belong to another town.
    file_towns = set(df["town"].dropna())
    owner = {k: v for k, v in ch.ctx.lookup.items() if v not in file_towns or k == v}
    owner.update({t: t for t in file_towns})
    bad = np.zeros(len(df), dtype=bool)
    params: dict[int, dict] = {}
    for i, (town, parts) in enumerate(zip(df["town"], aliases, strict=True)):
        for a in parts:
            if owner.get(a, town) != town:
                bad[i], params[i] = True, {"alias": a, "town": owner[a]}
                break
            owner[a] = town
    ch.add(bad, "aliases", "alias_taken", lambda i: params[i])


def learn(ctx: Context, df: pd.DataFrame) -> None:
    """Later sheets may name the file's towns, by name or alias."""
    for town, aliases in zip(df["town"], df["aliases"], strict=True):
        if town is None:
            continue
        if town not in ctx.towns:
            ctx.towns.append(town)
        ctx.lookup[town] = town
        for a in aliases:
            ctx.lookup.setdefault(a, town)


KIND = Kind(
    "towns", "街镇",
    (
        Col("town", "街镇", "text", True, rule="unique"),
        Col("kind", "类型", "enum", values=TOWN_KINDS, rule="镇 / 街道 / 工业区 / 新区"),
        Col("aliases", "别名", "text", rule="separated by `、` `,` `，` or `;`",
            rule_zh="多个别名用「、」「,」「，」或「;」分隔"),
    ),
    Upsert("towns", ("town",), query="apply_towns"),
    rules=rules, learn=learn,
)
