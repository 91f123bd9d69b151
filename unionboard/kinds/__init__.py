"""The import kinds of DATA-FORMAT.md, one module each: its columns, its rules, how it is stored, what
its template offers (what a kind is: unionboard.kind). How the sample makes it: unionboard.samples.

The importer, the validator, the templates and the sample go through this registry; a new kind is a
module here, one line in each tuple below, its table in queries/schema.sql and its sample generator
in unionboard.samples (README, "A new import kind").
"""
from __future__ import annotations

from ..kind import DISTRICT_ORGANISER, INSTRUCTION_SHEETS, OUTSIDE, SERIAL_COLUMN, Col, Kind, column_positions, header_key
from . import buildings, events, federations, targets, towns, training, units
from .events import EVENTS, UNION_ACTIONS
from .federations import FEDERATION_KINDS
from .targets import COUNT_INDICATORS, TARGET_INDICATORS
from .towns import TOWN_KINDS
from .training import AUDIENCES
from .units import ACTIVE_STATUSES, INDUSTRIES, STATUSES, TWO_NEW, UNION_FORMS, UNIT_TYPES

# In DATA-FORMAT.md's order: the order kinds are offered in, and tried in when a sheet is not named
KINDS: dict[str, Kind] = {k.key: k for k in (
    towns.KIND, buildings.KIND, federations.KIND, units.KIND, targets.KIND, events.KIND, training.KIND,
)}

# Workbook sheets are applied in this order so that later kinds can refer to earlier ones.
APPLY_ORDER = ("towns", "buildings", "federations", "targets", "units", "events", "training")


def kind_for_name(name: str) -> Kind | None:
    """The kind named by its English key or Chinese name (a sheet name or a KIND argument)."""
    name = name.strip()
    for k in KINDS.values():
        if name.lower() == k.key or name == k.zh:
            return k
    return None


__all__ = [
    "ACTIVE_STATUSES", "APPLY_ORDER", "AUDIENCES", "COUNT_INDICATORS", "DISTRICT_ORGANISER", "EVENTS",
    "FEDERATION_KINDS", "INDUSTRIES", "INSTRUCTION_SHEETS", "KINDS", "OUTSIDE", "SERIAL_COLUMN", "STATUSES",
    "TARGET_INDICATORS", "TOWN_KINDS", "TWO_NEW", "UNION_ACTIONS", "UNION_FORMS", "UNIT_TYPES", "Col", "Kind",
    "column_positions", "header_key", "kind_for_name",
]
