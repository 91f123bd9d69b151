"""The sample's 单位名册 (units): each town's monthly report, received when the simulation says. Moved from
unionboard.kinds.units (issue 26): the kinds do not import the simulation."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ..kind import SampleTable

if TYPE_CHECKING:
    from ..simulation import World


def receipts(world: World) -> dict[tuple[int, str], dt.datetime | None]:
    """When each town's report of each month was received (None: not yet sent). Most arrive 1–4 days
    after the month end, within the due day; the world's late towns send some months a week or more
    late, and one town has not sent the latest month."""
    rng = np.random.default_rng(7)
    out: dict[tuple[int, str], dt.datetime | None] = {}
    for m, d in enumerate(world.dates):
        for t in world.towns:
            late = d.isoformat() in world.late.get(t, ())
            days = int(rng.integers(8, 13)) if late else int(rng.integers(1, 5))
            at = dt.datetime.combine(d, dt.time(int(rng.integers(9, 17)), int(rng.integers(0, 60))))
            out[(m, t)] = at + dt.timedelta(days=days)
    if len(world.dates) > 1:
        out[(len(world.dates) - 1, world.not_yet)] = None
    return out


def sample(world: World) -> Iterator[SampleTable]:
    """The roster of every month: one district-wide file, or (world.per_town) one report per town,
    received when `receipts` says. Made one month at a time, as the files are written (a million units
    over a year never sit in memory at once)."""
    received = receipts(world)
    for m, d in enumerate(world.dates):
        roster = world.snapshot(m)
        if not world.per_town:
            yield SampleTable(f"units_{d.isoformat()}", roster)
            continue
        for t in world.towns:
            if received[(m, t)] is not None:
                yield SampleTable(f"units_{d.isoformat()}_{t}", roster[roster["街镇"] == t], t, received[(m, t)])
