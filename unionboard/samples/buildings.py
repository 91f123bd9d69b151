"""The sample's 商务楼宇 (buildings): the simulated district's buildings. Moved from unionboard.kinds.buildings
(issue 26): the kinds do not import the simulation."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ..simulation import World


def sample(world: World) -> pd.DataFrame:
    """The simulated district's buildings."""
    return pd.DataFrame([(b, t) for t, b in world.buildings], columns=["楼宇名称", "街镇"])
