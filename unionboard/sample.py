"""A realistic, deterministic Jiading data set, written in the import formats.

The district is simulated once (unionboard.simulation.World); each import kind makes its own tables
from it (its generator in unionboard.samples). Targets for 2014 and 2015 are set so that 2014 ends
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
from .samples import SAMPLES
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
    order = sorted((k for k in KINDS.values() if k.key in SAMPLES),
                   key=lambda k: DRAW_ORDER.index(k.key) if k.key in DRAW_ORDER else len(DRAW_ORDER))
    tables = {}
    for k in order:
        made = SAMPLES[k.key](world)
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
        lines += _review_cycle(db, files, Path(tmp), lang)
    return lines


# issue 25: the sample shows the review cycle (METRICS.md "Review"): every report above is accepted (imported as
# the command line does); the town that has not sent the latest month sends a half-filled roster, which the
# district returns with its reason; another town sends a correction of its latest report, waiting for review;
# a few findings of the latest month are explained.
RETURNED_TOWN_SHARE = 0.75  # the returned roster holds three quarters of the town's units (a shrink warning)
EXPLANATIONS = {"单位消失未报动态": "该企业已于本月注销，已补报关闭动态", "新增单位未报动态": "新招商落户企业，已补报新开业动态",
                "工会断线": "企业改制重组，工会正在重新组建", "会员锐减": "企业裁员，部分会员已办理转移接续",
                "街镇变更未报": "企业注册地迁移，已通知两镇补报迁移动态"}


def _review_cycle(db: Path, files: list[DataFile], tmp: Path, lang: str) -> list[str]:
    """Add to the sample: a returned report, a correction waiting for review, and explained findings."""
    from . import review
    from .importer import ImportRequest, import_many
    from .simulation import NOT_YET
    from .views import Filters, get_view

    reports = [f for f in files if f.kind == "units" and f.town]
    latest = max(f.path.stem.split("_")[1] for f in reports)
    last = dt.date.fromisoformat(latest)
    # a few findings of the latest month explained by their towns (two towns: two explanations and one)
    changes = get_view(db, "changes", Filters(as_of=last)).df
    towns = list(dict.fromkeys(changes["街镇"]))[:2]
    for town, n in zip(towns, (2, 1), strict=False):
        rows = changes[changes["街镇"] == town].head(n)
        review.explain(db, int(rows["报表编号"].iloc[0]),
                       [(c, f, EXPLANATIONS[f]) for c, f in zip(rows["统一社会信用代码"], rows["核对项"], strict=True)],
                       user=town)
    # 华亭镇's latest month: last month's roster, three quarters of it, dated this month
    earlier = max((f for f in reports if f.town == NOT_YET), key=lambda f: f.path.stem)
    half = pd.read_csv(earlier.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    half = half.iloc[: int(len(half) * RETURNED_TOWN_SHARE)].assign(报表日期=latest)
    returned_file = tmp / f"units_{latest}_{NOT_YET}_报送.csv"
    half.to_csv(returned_file, index=False, encoding="utf-8-sig")
    # a correction of another town's latest report: two units fewer, one unit's members down
    town_file = next(f for f in reports if f.path.stem.startswith(f"units_{latest}_") and f.town != NOT_YET)
    fixed = pd.read_csv(town_file.path, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[2:]
    correction = tmp / f"units_{latest}_{town_file.town}_更正.csv"
    fixed.to_csv(correction, index=False, encoding="utf-8-sig")
    day = dt.datetime.combine(last, dt.time(10, 0))
    requests = [ImportRequest(returned_file, returned_file.name, "units", town=NOT_YET, pending=True,
                              received=day + dt.timedelta(days=4)),
                ImportRequest(correction, correction.name, "units", town=town_file.town, replace=True, pending=True,
                              received=day + dt.timedelta(days=5, hours=5))]
    results = import_many(db, requests, lang=lang, user="街镇填报员")
    if not all(r.ok for r in results):
        raise RuntimeError("\n".join(p.line(lang) for r in results for p in r.problems[:20]))
    from .store import connect_read

    con = connect_read(db)
    try:
        waiting = {r.town: r for r in review.waiting(con)}
    finally:
        con.close()
    review.decide(db, waiting[NOT_YET].report_id, False,
                  f"名册仅{len(half)}家单位，较上月减少约{round((1 - RETURNED_TOWN_SHARE) * 100)}%，疑似漏填，请补全后重报",
                  user="区总工会", at=day + dt.timedelta(days=5))
    return [f"{NOT_YET} {latest}: 已退回", f"{town_file.town} {latest}: 更正报表待审核"]
