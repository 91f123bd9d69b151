"""What the database (and earlier sheets of the same workbook) already know when a file is checked (issue 26:
its own module, importing nothing of the project, so both unionboard.kind (the type of Kind.learn) and
unionboard.validate name it and kind.py never imports validate; validate re-exports it)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Context:
    """What the database (and earlier sheets of the same workbook) already know."""

    towns: list[str]
    lookup: dict[str, str]
    buildings: set[tuple[str, str]]
    federations: set[str]
    # the current units reports: (报表日期, 街镇) → (import id, units, received at)
    reports: dict[tuple[dt.date, str], tuple[int, int, dt.datetime]] = field(default_factory=dict)
    # issue 24: where a town's areas (村居园区) are named: each town's current report files (read only when a
    # targets file names an area of that town, kinds.targets.town_areas) and the areas of its federations
    report_files: dict[str, list[str]] = field(default_factory=dict)
    known_areas: set[tuple[str, str]] = field(default_factory=set)  # federations', and reports checked earlier in a batch
    # the one town a file may be about (--town, a 街镇 account's upload); set per file by the importer
    declared_town: str | None = None
    # the areas of each town once read (kinds.targets.town_areas)
    areas_read: dict[str, set[str]] = field(default_factory=dict, repr=False)
