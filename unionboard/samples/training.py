"""The sample's 培训 (training) sessions. Moved from unionboard.kinds.training (issue 26): the kinds do not import
the simulation."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..kind import DISTRICT_ORGANISER
from ..kinds.training import KIND

if TYPE_CHECKING:
    from ..simulation import World


def sample(world: World) -> pd.DataFrame:
    """Every year: the district's course for the 村(园区)工会主席 (places shared out by the towns'
    village and park federations, some towns sending fewer of their chairs), two courses for cadres,
    and a few courses of each town for its enterprise union chairs."""
    rng = world.rng
    feds = world.feds[world.feds["kind"].isin(["村工会联合会", "园区工会联合会"])].groupby("town").size()
    rows = []
    for year in sorted({d.year for d in world.dates} | {world.target_year}):
        share = np.array([feds.get(t, 0) for t in world.towns], dtype=float)
        share *= rng.uniform(0.55, 1.25, len(share))  # some towns send fewer of their chairs than others
        alloc = np.floor(share / share.sum() * 106).astype(int)
        for i in np.argsort(-(share / share.sum() * 106 - alloc))[: 106 - alloc.sum()]:
            alloc[i] += 1
        rows += [(f"{year}-03-16", f"{year}-03-18", "区总工会职工培训中心", DISTRICT_ORGANISER, t, "村(园区)工会主席",
                  int(a)) for t, a in zip(world.towns, alloc, strict=True) if a > 0]
        for start, end in ((f"{year}-04-21", f"{year}-04-22"), (f"{year}-05-26", f"{year}-05-27")):
            for t in world.towns:
                rows.append((start, end, "区工人文化宫", DISTRICT_ORGANISER, t, "工会干部", int(rng.integers(4, 12))))
        last_month = 12 if year < world.target_year else 6
        for t in world.towns:
            for _ in range(int(rng.integers(1, 4))):
                d = dt.date(year, int(rng.integers(1, last_month + 1)), int(rng.integers(1, 27)))
                rows.append((d.isoformat(), (d + dt.timedelta(days=1)).isoformat(), f"{world.short[t]}社区学校", t, t,
                             "企业工会主席", int(rng.integers(20, 80))))
    return pd.DataFrame(rows, columns=[c.zh for c in KIND.cols])
