"""A realistic, deterministic Jiading data set, written in the import formats.

The district is simulated once (unionboard.simulation.World); each import kind makes its own tables
from it (its `sample` generator, unionboard.kinds). Targets for 2014 and 2015 are set so that 2014 ends
near its targets and, at 30 June 2015, some towns are ahead of 序时进度, some in 预警 and some 滞后.
Towns report monthly, one file each, received a few days after the month end. `build_sample` writes
that data set to a temporary folder and imports it file by file through the ordinary importer, so the
sample is validated like any town's files.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .kind import SampleTable
from .kinds import APPLY_ORDER, KINDS
from .kinds.store import Upsert
from .simulation import World

SAMPLE_REPORTS = 19  # monthly reports from 2013-12-31 (the 2014 baseline) to 2015-06-30
# The order the generators draw from the world's random stream, kept so that the sample stays the same
# data set; a kind not named here draws after them (adding a kind never changes the others' data).
DRAW_ORDER = ("towns", "buildings", "federations", "units", "targets", "training", "events")


@dataclass
class DataFile:
    """A file of a generated data set and how it is imported."""

    path: Path
    kind: str
    town: str | None = None                # a town's report (units)
    received: dt.datetime | None = None    # when that report was received


def sample_tables(world: World) -> dict[str, Iterable[SampleTable]]:
    """Every kind's sample tables, made in DRAW_ORDER (a generator may make its tables lazily, as they are
    written: units, a roster a month)."""
    order = sorted((k for k in KINDS.values() if k.sample is not None),
                   key=lambda k: DRAW_ORDER.index(k.key) if k.key in DRAW_ORDER else len(DRAW_ORDER))
    tables = {}
    for k in order:
        made = k.sample(world)
        if isinstance(made, pd.DataFrame):  # one table, written as <kind>.csv unless it is empty
            made = [SampleTable(k.key, made)] if not made.empty else []
        tables[k.key] = made
    return tables


def write_files(out: Path, *, units: int, snapshots: int, seed: int = 2015, xlsx: bool = False,
                per_town: bool = False, later: bool = False) -> list[DataFile]:
    """Write a data set in the import formats (CSV, UTF-8 with BOM); returns the files in import order.

    With `per_town`, each month's roster is one report per town (units_DATE_TOWN.csv), received as
    the units generator says (a town that has not sent a month has no file); otherwise one
    district-wide roster per month. A kind's empty table (no events with a single report) is not written.
    With `later` (issue 24: the sample database), also the tables imported after another kind's files (the towns'
    area targets, after the reports; named targets_areas.csv, which is no kind's name: `generate` leaves them out)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = World(units, snapshots, seed, per_town=per_town)
    world.with_later = later
    tables = sample_tables(world)
    files = []
    dictionaries = {}  # the kinds stored by key, for the workbook
    after: dict[str, list[tuple[str, SampleTable]]] = {}  # issue 24: tables imported after another kind's files
    for key in (k for k in APPLY_ORDER if k in tables):
        for table in tables[key]:
            if table.after is not None:
                if later:
                    after.setdefault(table.after, []).append((key, table))
                continue
            p = out / f"{table.name}.csv"
            table.frame.to_csv(p, index=False, encoding="utf-8-sig")
            files.append(DataFile(p, key, table.town, table.received))
            if isinstance(KINDS[key].store, Upsert):
                dictionaries[KINDS[key].zh] = table.frame
        for later_key, table in after.pop(key, []):
            if table.frame.empty:
                continue
            p = out / f"{table.name}.csv"
            table.frame.to_csv(p, index=False, encoding="utf-8-sig")
            files.append(DataFile(p, later_key, table.town, table.received))
    if per_town:
        manifest = pd.DataFrame([(f.path.name, f.town, f.received) for f in files if f.town],
                                columns=["文件", "街镇", "报送时间"])
        manifest.to_csv(out / "reports.csv", index=False, encoding="utf-8-sig")
    if xlsx:  # the dictionaries in one workbook, a sheet each
        from .export import xlsx_bytes

        p = out / "dictionaries.xlsx"
        p.write_bytes(xlsx_bytes(dictionaries))
        files.append(DataFile(p, "auto"))
    return files


def write_dataset(out: Path, *, units: int, snapshots: int, seed: int = 2015, xlsx: bool = False,
                  per_town: bool = False) -> list[Path]:
    """write_files, as paths (what `unionboard generate` prints)."""
    return [f.path for f in write_files(out, units=units, snapshots=snapshots, seed=seed, xlsx=xlsx, per_town=per_town)]


def build_sample(db: Path, *, units: int = 25_000, snapshots: int = SAMPLE_REPORTS, seed: int = 2015,
                 lang: str = "zh") -> list[str]:
    """Create the database afresh with the Jiading sample, importing every file through the importer:
    the dictionaries, then each town's monthly report as its own import (received when the units
    generator says), then events and training. The reports go through import_many: each file is checked
    and recorded on its own, and the database is written once."""
    from .importer import ImportRequest, create_database, import_many

    create_database(db)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp), units=units, snapshots=snapshots, seed=seed, per_town=True, later=True)
        requests = [ImportRequest(f.path, f.path.name, f.kind, town=f.town, received=f.received)
                    for f in files]
        for result in import_many(db, requests, lang=lang, user="sample"):
            if not result.ok:  # the generator and the validator disagree: a bug, say it loudly
                raise RuntimeError("\n".join(p.line(lang) for p in result.problems[:20]))
            lines += result.summary
    return lines
