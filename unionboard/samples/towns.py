"""The sample's 街镇 (towns): Jiading's towns with their aliases. Moved from unionboard.kinds.towns (issue 26): the
kinds do not import the simulation."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..defaults import JIADING_TOWNS

if TYPE_CHECKING:
    from ..simulation import World


def sample(world: World) -> pd.DataFrame:
    """The bundled dictionary of Jiading's 12 towns."""
    return pd.DataFrame([(t, k, "、".join(a)) for t, k, a in JIADING_TOWNS], columns=["街镇", "类型", "别名"])
