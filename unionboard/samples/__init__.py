"""The sample's generators, one module per kind (as unionboard.kinds is one per kind), registered by kind key:
each makes the kind's tables from the simulated district (unionboard.simulation.World) — a DataFrame with
the Chinese headers, or SampleTables (one file each; may be made lazily, units: a roster a month).
unionboard.sample draws them in its DRAW_ORDER and writes the files.

They live here rather than on the kinds (issue 26) so that the registry (unionboard.kinds) imports neither
the simulation nor the sample: the simulation reads the kinds' vocabularies, the generators read both.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ..kind import SampleTable
from ..simulation import World
from . import buildings, events, federations, targets, towns, training, units

SAMPLES: dict[str, Callable[[World], pd.DataFrame | Iterable[SampleTable]]] = {
    "towns": towns.sample,
    "buildings": buildings.sample,
    "federations": federations.sample,
    "units": units.sample,
    "targets": targets.sample,
    "training": training.sample,
    "events": events.sample,
}
