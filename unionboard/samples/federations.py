"""The sample's 工会联合会 (federations). Moved from unionboard.kinds.federations (issue 26): the kinds do not import
the simulation."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..kinds.federations import KIND

if TYPE_CHECKING:
    from ..simulation import World


def sample(world: World) -> pd.DataFrame:
    """The simulated district's federations, founded before or during the simulated months."""
    feds = world.feds.drop(columns="usable_from").rename(columns={c.key: c.zh for c in KIND.cols})
    feds["成立日期"] = [d.isoformat() for d in feds["成立日期"]]
    return feds
