"""Import files into the database: read, validate everything, then apply all or nothing."""
from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import layout
from .defaults import JIADING_TOWNS
from .i18n import msg
from .kinds import APPLY_ORDER, INSTRUCTION_SHEETS, KINDS, Kind, kind_for_name
from .readers import Notice, RawTable, ReadError, Sheet, read_file
from .sql import execute, load_sql, run_query
from .store import (
    LAYOUT_FILE,
    backup_dir,
    connect_read,
    path_literal,
    prune_backups,
    record_report_stats,
    remove_orphan_report_files,
    remove_stale_temporaries,
    reports_dir,
    transaction,
    write_lock,
    write_report_file,
)
from .validate import Context, Problem, capped_notices, check_table, check_units, typed
from .views import town_lookup


@dataclass
class ReportPlan:
    """What a units file does to one town's report (DATA-FORMAT.md, units): shown before confirming."""

    snapshot: dt.date
    town: str
    rows: int                            # units of the town in the file
    replaces: int | None = None          # units of the report it replaces (same date), None: none
    replaces_received: dt.datetime | None = None
    previous_date: dt.date | None = None  # the town's previous report (an earlier date)
    previous_rows: int | None = None

    SHRINK = 0.8  # a town whose units fall by more than 20% is asked about (a half-filled sheet)

    @property
    def change(self) -> int | None:
        """Units against the town's previous report."""
        return None if self.previous_rows is None else self.rows - self.previous_rows

    @property
    def shrinks(self) -> bool:
        """More than 20% fewer units than the previous report, or than the report replaced."""
        return any(base and self.rows < self.SHRINK * base for base in (self.previous_rows, self.replaces))

    def line(self, lang: str = "zh") -> str:
        """One line per town for the preview and the command line."""
        if lang == "en":
            text = f"{self.town} {self.snapshot.isoformat()}: {self.rows:,} rows in the file"
            if self.replaces is not None:
                text += f"; replaces the report received {self.replaces_received:%Y-%m-%d %H:%M} ({self.replaces:,} rows)"
            if self.previous_rows is not None:
                text += f"; {self.change:+,} against {self.previous_date.isoformat()} ({self.previous_rows:,})"
            else:
                text += "; the town's first report"
            return text
        text = f"{self.town} {self.snapshot.isoformat()}：文件 {self.rows:,} 行"
        if self.replaces is not None:
            text += f"；替换 {self.replaces_received:%Y-%m-%d %H:%M} 报送的原报表（{self.replaces:,} 行）"
        if self.previous_rows is not None:
            text += f"；较上期（{self.previous_date.isoformat()}，{self.previous_rows:,} 家）{self.change:+,}"
        else:
            text += "；该街镇首次报送"
        return text

    def warning(self, lang: str = "zh") -> str | None:
        """The shrink warning, if any."""
        if not self.shrinks:
            return None
        base = min(b for b in (self.previous_rows, self.replaces) if b)
        drop = (base - self.rows) * 100 / base
        if lang == "en":
            return (f"{self.town}: {drop:.1f}% fewer units than before ({self.rows:,} against {base:,}); "
                    "check the sheet is complete")
        return f"{self.town}单位数较此前减少 {drop:.1f}%（{self.rows:,} 家，此前 {base:,} 家），超过 20%，请核对名册是否填全"


@dataclass
class ImportResult:
    """What an import did (or why it was refused)."""

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # what reading skipped or inferred (title rows, totals…)
    summary: list[str] = field(default_factory=list)
    import_id: int | None = None
    rows: int = 0
    kinds: list[str] = field(default_factory=list)
    reports: list[ReportPlan] = field(default_factory=list)  # units: per town covered, what the file does
    findings: pd.DataFrame | None = None  # units: what the roster check finds in the reports (the changes view)

    @property
    def needs_confirmation(self) -> bool:
        """A report replaces an earlier one of the same date, or a town shrinks by more than 20%."""
        return any(r.replaces is not None or r.shrinks for r in self.reports)

    def report(self, lang: str = "zh") -> pd.DataFrame:
        """The problems as a table (for display and download)."""
        cols = ["file", "sheet", "row", "column", "value", "problem"] if lang == "en" else \
            ["文件", "工作表", "行", "列", "值", "问题"]
        return pd.DataFrame([p.record(lang) for p in self.problems], columns=cols)


def load_context(con: duckdb.DuckDBPyConnection) -> Context:
    """The dictionaries an import is checked against."""
    towns, lookup = town_lookup(con)
    buildings = set(con.execute("SELECT town, building FROM buildings").fetchall())
    feds = {r[0] for r in con.execute("SELECT federation FROM federations").fetchall()}
    reports = {(s, t): (i, n, r) for s, t, i, n, r in
               con.execute("SELECT snapshot, town, import_id, units, received_at FROM current_reports").fetchall()}
    return Context(towns, lookup, buildings, feds, reports)


def _extend_context(ctx: Context, kind: str, df: pd.DataFrame) -> None:
    """Let later sheets of a workbook refer to what earlier sheets define."""
    if kind == "towns":
        for town, aliases in zip(df["town"], df["aliases"], strict=True):
            if town is None:
                continue
            if town not in ctx.towns:
                ctx.towns.append(town)
            ctx.lookup[town] = town
            for a in aliases:
                ctx.lookup.setdefault(a, town)
    elif kind == "buildings":
        ctx.buildings.update((t, b) for t, b in zip(df["town"], df["building"], strict=True) if t and b)
    elif kind == "federations":
        ctx.federations.update(f for f in df["federation"] if f)


def _assign_kinds(sheets: list[Sheet], kind: str | None, file_name: str, lang: str
                  ) -> tuple[list[tuple[Kind, RawTable]], list[Problem], list[Problem], list[Problem]]:
    """Which kind each sheet holds, and where its header is (layout.find_header): the KIND given, else
    the sheet's name, else the kind whose required columns a row of its first 20 holds.

    Returns (kind, table) pairs in APPLY_ORDER, problems, warnings and notices (hidden sheets skipped).
    """
    allowed = "、".join(f"{k.key}/{k.zh}" for k in KINDS.values())
    problems: list[Problem] = []
    warnings: list[Problem] = []
    notices: list[Problem] = []
    visible = []
    for s in sheets:
        if s.name in INSTRUCTION_SHEETS:
            notices.append(Problem(file_name, s.name, None, None, None, "instructions_skipped", {"sheet": s.name}))
        elif s.hidden:
            notices.append(Problem(file_name, s.name, None, None, None, "hidden_sheet_skipped", {"sheet": s.name}))
            notices += [_from_notice(file_name, n, lang) for n in s.notices if n.row is None and n.col is None
                        and n.key in ("read_as", "read_tsv")]
        else:
            visible.append(s)
    if kind and kind != "auto":
        k = kind_for_name(kind)
        if k is None:
            return [], [Problem(file_name, None, None, None, kind, "unknown_kind", {"kind": kind, "allowed": allowed})], [], []
        named = [s for s in visible if s.name and kind_for_name(s.name) == k]
        closest: tuple[layout.Opened, layout.Header | None] | None = None
        for s in named + [s for s in visible if s not in named]:
            opened = layout.open_sheet(s)
            header = layout.find_header(opened, [k])
            if header is not None and header.found:
                return [(k, layout.table(opened, header, lang))], problems, warnings, notices
            if closest is None or (closest[1] is None and header is not None):
                closest = (opened, header)
            if s in named:
                break  # the sheet named for the kind is the one that must hold it
        problems += _no_header(file_name, k, closest)
        return [], problems, warnings, notices
    pairs = []
    for s in visible:
        opened = layout.open_sheet(s)
        named_kind = kind_for_name(s.name) if s.name else None
        header = layout.find_header(opened, [named_kind] if named_kind else list(KINDS.values()))
        if header is not None and header.found:
            pairs.append((header.kind, layout.table(opened, header, lang)))
        elif named_kind is not None:
            problems += _no_header(file_name, named_kind, (opened, header))
        elif s.name is None:
            problems.append(Problem(file_name, None, None, None, None, "kind_csv_auto", {}))
        else:
            warnings.append(Problem(file_name, s.name, None, None, None, "sheet_ignored", {"sheet": s.name}))
    if not pairs and not problems:
        problems.append(Problem(file_name, None, None, None, None, "no_kind", {"allowed": allowed}))
    pairs.sort(key=lambda p: APPLY_ORDER.index(p[0].key))
    return pairs, problems, warnings, notices


def _no_header(file_name: str, kind: Kind, closest: tuple[layout.Opened, layout.Header | None] | None) -> list[Problem]:
    """No row of the first 20 holds the kind's required columns: name the closest row and what it lacks."""
    if closest is None or closest[1] is None:
        sheet = closest[0].sheet.name if closest else None
        return [Problem(file_name, sheet, None, None, None, "empty_file", {})]
    opened, header = closest
    return [Problem(file_name, opened.sheet.name, header.rows[0], col, None, "missing_column", {"col": col})
            for col in header.missing]


def _from_notice(file_name: str, n: Notice, lang: str) -> Problem:
    """A reader's notice as a Problem line (row lists written as ranges, columns as letters)."""
    params = dict(n.params)
    if "rows" in params and isinstance(params["rows"], list):
        params["rows"] = layout.rows_text(params["rows"], lang)
    if n.key == "hidden_rows_cols":
        rows, cols = n.params["rows"], n.params["cols"]
        parts = []
        if rows:
            parts.append(msg("hidden_rows_part", lang, n=len(rows), rows=layout.rows_text(rows, lang)))
        if cols:
            letters = "、".join(layout.letter(c) for c in cols[:20]) + ("…" if len(cols) > 20 else "")
            parts.append(msg("hidden_cols_part", lang, n=len(cols), cols=letters))
        params = {"what": ("、" if lang != "en" else ", ").join(parts)}
    if n.key == "read_as":
        params["fmt"] = msg(f"fmt_{n.params['fmt']}", lang)
    return Problem(file_name, n.sheet, n.row, n.header, n.value, n.key, params,
                   layout.letter(n.col) if n.col is not None else None)


@dataclass
class StagedUnits:
    """A checked roster waiting in the staging database (table `table`), its date and towns."""

    table: str
    snapshot: dt.date
    rows: int
    towns: dict[str, int]  # rows per town covered


class Stage:
    """A scratch DuckDB file that holds checked rosters until they are applied, removed afterwards.

    On disk rather than in memory: DuckDB compresses what it writes to a file, and its buffer pool
    (the memory limit) bounds what it keeps in memory, so a long roster does not grow the process.
    Beside the database (same disk, not a RAM-backed /tmp). `release()` closes it so that the
    writer can ATTACH it and copy each town's rows straight into that town's report file.
    """

    def __init__(self, folder: Path, prefix: str = ".unionboard-stage-") -> None:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".duckdb", dir=folder)
        os.close(fd)
        self.path = Path(name)
        self.path.unlink()
        self.con: duckdb.DuckDBPyConnection | None = duckdb.connect(str(self.path))
        execute(self.con, "SET memory_limit = $limit", {"limit": os.environ.get("UNIONBOARD_STAGE_MEMORY", "256MB")})

    def sink(self, table: str):  # noqa: ANN201 - a closure
        """A sink that appends typed roster pieces to `table`."""
        def append(piece: pd.DataFrame) -> None:
            con = self.con
            con.register("piece", piece)
            try:
                exists = execute(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = $t", {"t": table})[0][0]
                # `table` is made by this module ("incoming_N"), never a user value
                execute(con, f"INSERT INTO {table} SELECT * FROM piece" if exists else
                        f"CREATE TABLE {table} AS SELECT * FROM piece")
            finally:
                con.unregister("piece")
        return append

    def release(self) -> Path:
        """Close the scratch database (its tables stay in the file) and return its path."""
        if self.con is not None:
            execute(self.con, "CHECKPOINT")
            self.con.close()
            self.con = None
        return self.path

    def remove(self) -> None:
        """Close and delete the scratch file."""
        if self.con is not None:
            self.con.close()
            self.con = None
        for leftover in (self.path, Path(f"{self.path}.wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def staging_database(folder: Path, *, preview: bool = False) -> Iterator[Stage]:
    """A Stage for one import (or, with `preview`, for an upload preview), removed afterwards.

    An import holds the write lock, so scratch files left by a killed import are removed first; a
    preview (no lock) uses its own prefix and only clears previews older than a day.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if preview:
        cutoff = dt.datetime.now().timestamp() - 86400
        for old in folder.glob(".unionboard-preview-*"):
            with contextlib.suppress(FileNotFoundError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()
    else:
        remove_stale_temporaries(folder, ".unionboard-stage-*.duckdb*")
    stage = Stage(folder, ".unionboard-preview-" if preview else ".unionboard-stage-")
    try:
        yield stage
    finally:
        stage.remove()


def validate_file(ctx: Context, data: bytes, file_name: str, kind: str | None = None, *,
                  snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                  stage: Stage | None = None, town: str | None = None, prefix: str = ""
                  ) -> tuple[list[tuple[str, pd.DataFrame | StagedUnits]], ImportResult]:
    """Read and check a file against ctx; changes nothing. Returns what to apply and a result.

    The small kinds come back as typed frames. A roster is checked piece by piece; with a `stage`
    its typed rows are kept there and come back as StagedUnits. A roster is the report of the towns
    whose rows it holds; `town` declares the one town it may hold (--town, or a 街镇 account).
    """
    result = ImportResult(ok=False)
    frames: list[tuple[str, pd.DataFrame | StagedUnits]] = []
    try:
        if town is not None and town not in ctx.lookup:
            result.problems.append(Problem(file_name, None, None, None, town, "unknown_town_arg_import", {"town": town}))
            return [], result
        town = ctx.lookup.get(town) if town is not None else None
        sheets = read_file(data, file_name, lang)
        pairs, problems, warnings, notices = _assign_kinds(sheets, kind, file_name, lang)
        result.problems += problems
        result.warnings += warnings
        result.notices += notices
        sheet_of: dict[tuple[dt.date, str], str] = {}  # (date, town) → the sheet that reports it
        for n, (k, table) in enumerate(pairs):
            if snapshot is not None and k.key != "units" and kind not in (None, "auto"):
                result.problems.append(Problem(file_name, table.sheet, None, None, None, "bad_replace", {}))
            if k.key == "units":
                name = f"incoming_{prefix}{n}"  # made here, never a user value
                table_snapshot = _title_snapshot(file_name, table, snapshot, result, lang)
                uc = check_units(k, table, file_name, ctx, snapshot=table_snapshot, replace=replace, town=town,
                                 sink=stage.sink(name) if stage is not None else None)
                if not uc.rows and not uc.problems:
                    _add_reading(result, file_name, table, lang)
                    result.problems.append(Problem(file_name, table.sheet, None, None, None, "empty_file", {}))
                    continue
                result.rows += uc.rows
                result.problems += uc.problems
                result.warnings += uc.warnings
                _add_reading(result, file_name, table, lang)
                result.kinds.append(k.key)
                if uc.snapshot is not None:
                    for t in uc.towns:  # two sheets may not report the same town for the same date
                        first = sheet_of.setdefault((uc.snapshot, t), table.sheet or file_name)
                        if first != (table.sheet or file_name):
                            result.problems.append(Problem(file_name, table.sheet, None, None, None, "same_report_twice",
                                                           {"town": t, "date": uc.snapshot.isoformat(), "sheet": first}))
                    frames.append((k.key, StagedUnits(name, uc.snapshot, uc.rows, uc.towns)))
                    result.reports += plan_reports(ctx, uc.snapshot, uc.towns)
                continue
            table = table.whole()
            if not len(table):
                _add_reading(result, file_name, table, lang)
                result.problems.append(Problem(file_name, table.sheet, None, None, None, "empty_file", {}))
                continue
            result.rows += len(table)  # counted first: checking releases the table's raw text
            df, ch = check_table(k, table, file_name, ctx, snapshot=snapshot, replace=replace)
            result.problems += ch.problems
            result.warnings += ch.warnings
            _add_reading(result, file_name, table, lang)
            result.kinds.append(k.key)
            if not ch.problems:
                _extend_context(ctx, k.key, df)
            frames.append((k.key, df))
    except ReadError as exc:  # also raised part-way through a file read piece by piece
        result.problems.append(Problem(file_name, None, None, None, None, "bad_file", {"err": str(exc)}))
        return [], result
    result.warnings = capped_notices(result.warnings)  # however many sheets: as many as problems, then a count
    result.ok = not result.problems
    return frames, result


def plan_reports(ctx: Context, snapshot: dt.date, towns: dict[str, int]) -> list[ReportPlan]:
    """Per town covered (dictionary order): rows in the file, the report it replaces, the previous one."""
    plans = []
    for t in ctx.towns:
        if t not in towns:
            continue
        current = ctx.reports.get((snapshot, t))
        earlier = [(s, n) for (s, town), (_, n, _) in ctx.reports.items() if town == t and s < snapshot]
        prev = max(earlier) if earlier else None
        plans.append(ReportPlan(snapshot, t, towns[t], current[1] if current else None, current[2] if current else None,
                                prev[0] if prev else None, prev[1] if prev else None))
    return plans


def _title_snapshot(file_name: str, table: RawTable, snapshot: dt.date | None, result: ImportResult,
                    lang: str) -> dt.date | None:
    """The report date: as given, else (with no 报表日期 column) the one written above the header (a notice)."""
    r = table.reading
    if snapshot is not None or r.title_date is None:
        return snapshot
    if "snapshot" in {k for k in layout.column_positions(KINDS["units"], table.header)}:
        return snapshot
    result.notices.append(Problem(file_name, table.sheet, r.title_date_row, None, None, "title_date_used",
                                  {"date": r.title_date.isoformat()}))
    return r.title_date


def _add_reading(result: ImportResult, file_name: str, table: RawTable, lang: str) -> None:
    """Add what reading a checked table found (warnings, notices) to the result, once all its pieces were read."""
    result.warnings += [_from_notice(file_name, n, lang) for n in table.reading.warnings]
    result.notices += [_from_notice(file_name, n, lang) for n in table.reading.notices]


# ---------------------------------------------------------------- applying

def _apply(con: duckdb.DuckDBPyConnection, kind: str, df: pd.DataFrame | StagedUnits, lang: str,
           receipt: Receipt | None = None) -> str:
    """Write one validated frame (or a staged roster); return a line saying what changed."""
    name = KINDS[kind].zh if lang != "en" else kind
    if isinstance(df, StagedUnits):
        return _apply_units(con, df, receipt, name, lang)
    con.register("incoming", typed(kind, df))
    try:
        if kind == "towns":
            before = con.execute("SELECT count(*) FROM towns").fetchall()[0][0]
            execute(con, """
                INSERT INTO towns
                SELECT coalesce((SELECT max(ord) FROM towns), 0) + row_number() OVER (), town, kind, aliases
                FROM incoming WHERE town NOT IN (SELECT town FROM towns)""")
            execute(con, """UPDATE towns SET kind = coalesce(i.kind, towns.kind), aliases = i.aliases
                           FROM incoming i WHERE towns.town = i.town""")
            added = con.execute("SELECT count(*) FROM towns").fetchall()[0][0] - before
            return f"{name}: +{added}, ={len(df) - added}"
        if kind == "buildings":
            n = con.execute("""INSERT INTO buildings SELECT DISTINCT town, building FROM incoming
                               WHERE (town, building) NOT IN (SELECT (town, building) FROM buildings)
                               RETURNING 1""").fetchall()
            return f"{name}: +{len(n)}, ={len(df) - len(n)}"
        if kind == "federations":
            old = con.execute("SELECT count(*) FROM federations WHERE federation IN (SELECT federation FROM incoming)").fetchall()[0][0]
            execute(con, "DELETE FROM federations WHERE federation IN (SELECT federation FROM incoming)")
            execute(con, """INSERT INTO federations SELECT federation, kind, town, area, building, founded,
                           fulltime_cadres FROM incoming""")
            return f"{name}: +{len(df) - old}, ={old}"
        if kind == "targets":
            old = con.execute("""SELECT count(*) FROM targets t JOIN incoming i
                                 USING (year, town, indicator)""").fetchall()[0][0]
            execute(con, """DELETE FROM targets WHERE (year, town, indicator) IN
                           (SELECT (year, town, indicator) FROM incoming)""")
            execute(con, "INSERT INTO targets SELECT year, town, indicator, target FROM incoming")
            return f"{name}: +{len(df) - old}, ={old}"
        cols = [c.key for c in KINDS[kind].cols]
        quoted = ", ".join(f'"{c}"' for c in cols)
        # events and training are logs: each row is a record; rows already present (as a multiset: two
        # identical rows are two records) are not added again
        added = con.execute(f"""INSERT INTO {kind} SELECT {quoted} FROM incoming
                                EXCEPT ALL SELECT {quoted} FROM {kind} RETURNING 1""").fetchall()
        return f"{name}: +{len(added)}, ={len(df) - len(added)}"
    finally:
        # after a failed statement the transaction refuses even this: keep the first error visible
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming")


@dataclass
class Receipt:
    """Who sent a report, when, from which file, and the import (and database) it is part of."""

    db: Path
    import_id: int
    received_at: dt.datetime
    received_by: str
    file_name: str


def _apply_units(con: duckdb.DuckDBPyConnection, staged: StagedUnits, receipt: Receipt, name: str, lang: str) -> str:
    """Store one roster as the report of each town it covers: a report file per town (from the staging
    database, attached as `stage`), listed in `reports`; the report it replaces stays on file (rollback)."""
    snap = staged.snapshot
    lines = []
    for town in staged.towns:
        # `staged.table` is made by this module ("incoming_N"), never a user value
        file = write_report_file(con, receipt.db, receipt.import_id,
                                 f"SELECT $s::DATE AS snapshot, * FROM stage.{staged.table} WHERE town = $t",
                                 {"s": snap, "t": town})
        old = execute(con, """UPDATE reports SET superseded_by = $id
                              WHERE snapshot = $s AND town = $t AND superseded_by IS NULL
                              RETURNING import_id, units""", {"id": receipt.import_id, "s": snap, "t": town})
        execute(con, """INSERT INTO reports (import_id, snapshot, town, file, units, received_at, received_by,
                                             file_name, replaced)
                        VALUES ($id, $s, $t, $file, $n, $at, $by, $fn, $replaced)""",
                {"id": receipt.import_id, "s": snap, "t": town, "file": file, "n": staged.towns[town],
                 "at": receipt.received_at, "by": receipt.received_by, "fn": receipt.file_name,
                 "replaced": old[0][0] if old else None})
        record_report_stats(con, receipt.db, receipt.import_id, snap, town, file)
        if lang == "en":
            lines.append(f"{town} {staged.towns[town]:,}" + (f" (replaced {old[0][1]:,})" if old else ""))
        else:
            lines.append(f"{town} {staged.towns[town]:,} 行" + (f"（替换原 {old[0][1]:,} 行）" if old else ""))
    sep = "; " if lang == "en" else "；"
    return f"{name} {snap.isoformat()}: {sep.join(lines)}"


def _record(con: duckdb.DuckDBPyConnection, new_id: int, kind: str, file_name: str, digest: str, rows: int,
            result: str, detail: str, user: str | None) -> None:
    """Append one line to the import history."""
    execute(con, """INSERT INTO imports (id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by)
                    VALUES ($id, now()::TIMESTAMP, $kind, $file, $sha, $rows, $result, $detail, $user)""",
            {"id": new_id, "kind": kind, "file": file_name, "sha": digest, "rows": rows, "result": result,
             "detail": detail, "user": user or _os_user()})


def _os_user() -> str:
    """Who runs the command line (the history says who imported)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


def _next_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchall()[0][0]


@dataclass
class ImportRequest:
    """One file to import, with what was said about it at import (see import_bytes)."""

    data: bytes
    file_name: str
    kind: str | None = None
    snapshot: dt.date | None = None
    replace: bool = False
    town: str | None = None
    received: dt.datetime | dt.date | None = None


def import_bytes(db: Path, data: bytes, file_name: str, kind: str | None = None, *,
                 snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                 user: str | None = None, town: str | None = None,
                 received: dt.datetime | dt.date | None = None) -> ImportResult:
    """Validate and import one file; all or nothing, recorded in the history either way.

    A units file is the report of the towns it covers (each replacing that town's report of the date
    only with `replace`); `town` declares the one town it may cover; `received` is when the report
    was received (default: now). The state before an accepted import is kept in the backups folder.
    An unexpected failure part-way (a value the database refuses, a bug) changes nothing and is
    recorded as refused, with a clear message; when even that record cannot be written (a full
    disk, a read-only folder, a damaged database) the original error is raised for the caller's
    boundary to explain (unionboard.errors).
    """
    request = ImportRequest(data, file_name, kind, snapshot, replace, town, received)
    try:
        return import_many(db, [request], lang=lang, user=user)[0]
    except Exception as exc:  # noqa: BLE001 - recorded and explained, never a traceback
        return _refused_by_failure(db, data, file_name, kind, exc, lang, user)


def _refused_by_failure(db: Path, data: bytes, file_name: str, kind: str | None, exc: Exception, lang: str,
                        user: str | None) -> ImportResult:
    """The result (and history line) of an import that failed unexpectedly; nothing was changed."""
    from .errors import explain, report

    report(exc, f"import of {Path(file_name).name} failed")
    name = Path(file_name).name
    problem = Problem(name, None, None, None, None, "import_failed", {"err": explain(exc, lang, paths=False, db=db)})
    result = ImportResult(ok=False, problems=[problem])
    try:
        with write_lock(db), transaction(db) as w:
            new_id = _next_id(w)
            _record(w, new_id, kind or "auto", name, hashlib.sha256(data).hexdigest(), 0, "refused",
                    problem.line(lang), user)
    except Exception as second:  # noqa: BLE001 - cannot even record: let the boundary explain the cause
        report(second, "recording the failed import failed too")
        raise exc from None
    result.import_id = new_id
    return result


def import_many(db: Path, requests: list[ImportRequest], *, lang: str = "zh", user: str | None = None
                ) -> list[ImportResult]:
    """Import several files in one go (the sample's monthly town reports, a bench): each file is checked
    on its own (against the database and the files before it), accepted or refused on its own and
    recorded as its own import; the accepted ones are applied together, in one atomic change.

    Only the state before the whole batch is kept as a backup (for the first file's import id).
    """
    results: list[ImportResult] = []
    with write_lock(db):
        con = connect_read(db)
        try:
            ctx = load_context(con)
            first_id = _next_id(con)
        finally:
            con.close()
        remove_orphan_report_files(db, first_id - 1)
        with staging_database(Path(db).parent) as stage:
            work = []
            for i, req in enumerate(requests):
                new_id = first_id + i
                name = Path(req.file_name).name
                frames, result = validate_file(ctx, req.data, name, req.kind, snapshot=req.snapshot,
                                               replace=req.replace, lang=lang, stage=stage, town=req.town,
                                               prefix=f"r{i}_")
                received = req.received or dt.datetime.now().replace(microsecond=0)
                if isinstance(received, dt.date) and not isinstance(received, dt.datetime):
                    received = dt.datetime.combine(received, dt.time(0, 0))
                if result.ok:  # later files of the batch see these reports (replacing, previous report)
                    for plan in result.reports:
                        ctx.reports[(plan.snapshot, plan.town)] = (new_id, plan.rows, received)
                result.import_id = new_id
                results.append(result)
                work.append((req, name, frames, result, Receipt(Path(db), new_id, received, user or _os_user(), name)))
            accepted = any(r.ok for r in results)
            keep = backup_dir(db) / f"before-{first_id}.duckdb" if accepted else None
            stage_path = stage.release()
            with transaction(db, keep_as=keep) as w:
                staged = [f for _, _, frames, result, _ in work if result.ok for _, f in frames]
                if any(isinstance(f, StagedUnits) for f in staged):
                    execute(w, f"ATTACH {path_literal(stage_path)} AS stage (READ_ONLY)")
                for req, name, frames, result, receipt in work:
                    if result.ok:
                        for k, df in frames:
                            result.summary.append(_apply(w, k, df, lang, receipt))
                        detail = "; ".join(result.summary)
                    else:
                        detail = "; ".join(p.line(lang) for p in result.problems[:20])
                    kinds = ",".join(result.kinds) or (req.kind or "auto")
                    _record(w, receipt.import_id, kinds, name, hashlib.sha256(req.data).hexdigest(), result.rows,
                            "imported" if result.ok else "refused", detail, user)
        if keep is not None:
            prune_backups(db)
    return results


class RollbackError(Exception):
    """A rollback that cannot be done (unknown import, refused import, backup gone)."""


def rollback(db: Path, import_id: int, *, user: str | None = None, lang: str = "zh") -> int:
    """Undo import `import_id`; the history is kept whole and gains a line. Returns the rollback's id.

    A units import is undone exactly: each town's report it brought is withdrawn and the report it
    replaced (if any) is current again; other towns and later reports of other towns are untouched. It
    is refused while a later import has replaced one of those reports again (undo that one first).
    Any other import restores the whole state before it, undoing it and every later import.
    """
    with write_lock(db):
        con = connect_read(db)
        try:
            row = con.execute("SELECT result, kind FROM imports WHERE id = $id", {"id": import_id}).fetchall()
            history = con.execute("SELECT * FROM imports ORDER BY id").df()
            brought = con.execute("""SELECT snapshot, town, superseded_by FROM reports WHERE import_id = $id
                                     ORDER BY snapshot, town""", {"id": import_id}).fetchall()
            new_id = _next_id(con)
        finally:
            con.close()
        if not row:
            raise RollbackError(msg("rollback_unknown", lang, id=import_id))
        if row[0][0] != "imported":
            raise RollbackError(msg("rollback_not_imported", lang, id=import_id))
        if row[0][1] == "units" and brought:
            return _rollback_reports(db, import_id, new_id, brought, user, lang)
        backup = backup_dir(db) / f"before-{import_id}.duckdb"
        if not backup.exists():
            raise RollbackError(msg("rollback_no_backup", lang, id=import_id))
        undone = [int(i) for i in history.loc[(history["id"] >= import_id) & (history["result"] == "imported"), "id"]]
        with transaction(db, source=backup, keep_as=backup_dir(db) / f"before-{new_id}.duckdb") as w:
            execute(w, "DELETE FROM imports")
            w.register("old_history", history)
            execute(w, """INSERT INTO imports (id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by)
                          SELECT id, imported_at, kind, file_name, sha256, rows, result, detail, imported_by
                          FROM old_history""")
            w.unregister("old_history")
            _record(w, new_id, "rollback", f"#{import_id}", "", 0, "rollback",
                    msg("rollback_detail", lang, id=import_id, undone=", ".join(f"#{i}" for i in undone)), user)
        prune_backups(db)
    return new_id


def _rollback_reports(db: Path, import_id: int, new_id: int, brought: list[tuple], user: str | None, lang: str) -> int:
    """Withdraw the reports an import brought, making the ones they replaced current again."""
    later = sorted({s for _, _, s in brought if s is not None})
    if later:
        raise RollbackError(msg("rollback_replaced_later", lang, id=import_id, later=", ".join(f"#{i}" for i in later)))
    with transaction(db, keep_as=backup_dir(db) / f"before-{new_id}.duckdb") as w:
        for snapshot, town, _ in brought:
            execute(w, """UPDATE reports SET superseded_by = $new WHERE import_id = $id AND snapshot = $s AND town = $t""",
                    {"new": new_id, "id": import_id, "s": snapshot, "t": town})
            execute(w, """UPDATE reports SET superseded_by = NULL
                          WHERE superseded_by = $id AND snapshot = $s AND town = $t""",
                    {"id": import_id, "s": snapshot, "t": town})
        pairs = "、".join(f"{t} {s.isoformat()}" for s, t, _ in brought)
        _record(w, new_id, "rollback", f"#{import_id}", "", 0, "rollback",
                msg("rollback_reports_detail", lang, id=import_id, reports=pairs), user)
    prune_backups(db)
    return new_id


def import_path(db: Path, path: Path, kind: str | None = None, **kw: object) -> ImportResult:
    """import_bytes for a file on disk."""
    return import_bytes(db, Path(path).read_bytes(), Path(path).name, kind, **kw)


def create_database(db: Path) -> None:
    """A new database holding only the town dictionary (init --empty). Report files of a database that
    was there before are removed once the new one is in place."""
    with write_lock(db):
        with transaction(db, fresh=True) as w:
            for i, (town, kind, aliases) in enumerate(JIADING_TOWNS, start=1):
                execute(w, "INSERT INTO towns VALUES ($o, $t, $k, $a)", {"o": i, "t": town, "k": kind, "a": list(aliases)})
        for old in reports_dir(db).glob("*"):  # the reports of the database that was there before
            if old.name != LAYOUT_FILE:
                old.unlink()


def migrate(db: Path, *, user: str | None = None) -> bool:
    """Convert a database of the first release (units in a table) to report files; False if it was
    already converted. The history records it."""
    with write_lock(db):
        con = duckdb.connect(":memory:")
        try:
            execute(con, f"ATTACH {path_literal(db)} AS db (READ_ONLY)")
            legacy = execute(con, """SELECT count(*) FROM duckdb_tables()
                                     WHERE database_name = 'db' AND table_name = 'units'""")[0][0]
            new_id = execute(con, "SELECT coalesce(max(id), 0) + 1 FROM db.imports")[0][0]
        finally:
            con.close()
        if not legacy:
            return False
        with transaction(db) as w:  # the conversion itself happens in the writer's copy
            _record(w, new_id, "migrate", Path(db).name, "", 0, "setting", "units → report files", user)
    return True


SETTINGS = {"due_days": "5"}  # defaults: a report is 按时 when received within 5 days of its date


def get_setting(db: Path, key: str) -> str:
    """A district setting (SETTINGS gives the keys and defaults)."""
    con = connect_read(db)
    try:
        row = con.execute("SELECT value FROM settings WHERE key = $k", {"k": key}).fetchall()
    finally:
        con.close()
    return row[0][0] if row else SETTINGS[key]


def set_setting(db: Path, key: str, value: str, *, user: str | None = None, lang: str = "zh") -> None:
    """Change a district setting (recorded in the history); ValueError with a message if not allowed."""
    if key != "due_days" or not str(value).strip().isdigit() or not 0 <= int(value) <= 60:
        raise ValueError(msg("bad_due_days", lang, value=value))
    value = str(int(value))
    with write_lock(db):
        con = connect_read(db)
        try:
            new_id = _next_id(con)
        finally:
            con.close()
        with transaction(db) as w:
            execute(w, "INSERT OR REPLACE INTO settings VALUES ($k, $v)", {"k": key, "v": value})
            _record(w, new_id, "setting", key, "", 0, "setting", f"{key} = {value}", user)


def check_bytes(db: Path, data: bytes, file_name: str, kind: str | None = None, *,
                snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                town: str | None = None) -> ImportResult:
    """Validate a file against the database without changing anything (the upload preview). For a valid
    roster, `findings` holds what the roster check (名册核对) would find in the reports it brings."""
    con = connect_read(db)
    try:
        ctx = load_context(con)
    finally:
        con.close()
    with staging_database(Path(db).parent, preview=True) as stage:
        frames, result = validate_file(ctx, data, Path(file_name).name, kind, snapshot=snapshot, replace=replace,
                                       lang=lang, stage=stage, town=town)
        staged = [f for _, f in frames if isinstance(f, StagedUnits)]
        if result.ok and staged:
            result.findings = _preview_findings(db, stage, staged)
    return result


def _preview_findings(db: Path, stage: Stage, staged: list[StagedUnits]) -> pd.DataFrame:
    """The roster check of reports not yet imported: each staged town's rows are written to a scratch
    report file and stand in for that town's report at their date (the files are removed afterwards)."""
    stage_path = stage.release()
    con = connect_read(db)
    scratch: list[Path] = []
    try:
        execute(con, f"ATTACH {path_literal(stage_path)} AS stage (READ_ONLY)")
        found = []
        for report in staged:
            files = [(f, t) for f, t, _ in con.execute(load_sql("roster_files"), {"as_of": report.snapshot}).fetchall()]
            now = [f for f, t in files if t not in report.towns]
            for town in report.towns:
                path = Path(stage_path).with_name(f"{Path(stage_path).stem}-{len(scratch)}.parquet")
                scratch.append(path)
                # `report.table` is made by this module, never a user value
                execute(con, f"COPY (SELECT $s::DATE AS snapshot, * FROM stage.{report.table} WHERE town = $t) "
                             f"TO {path_literal(path)} (FORMAT parquet)", {"s": report.snapshot, "t": town})
                now.append(str(path))
            before = [r[0] for r in con.execute(load_sql("roster_files"),
                                                {"as_of": report.snapshot - dt.timedelta(days=1)}).fetchall()]
            found.append(run_query(con, "roster_changes", snapshot=report.snapshot, roster_files=now,
                                   before_files=before, towns=list(report.towns)))
        return pd.concat(found, ignore_index=True)
    finally:
        con.close()
        for path in scratch:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


PREVIEW_COLUMNS = 60  # columns a preview shows (no kind has more than 17)


def preview(data: bytes, file_name: str, rows: int = 20, kind: str | None = None) -> dict[str, pd.DataFrame]:
    """The first data rows of each table of a file as the importer reads them (header found, title,
    total and footer rows skipped), with the sheet's row numbers, for display before importing."""
    try:
        pairs, *_ = _assign_kinds(read_file(data, file_name), kind, Path(file_name).name, "zh")
        out = {}
        for _, t in pairs:
            # a preview is for the eye: a hostile file's 100,000 columns are not sent to the browser
            header = [h or f"({layout.letter(i)})" for i, h in enumerate(t.header[:PREVIEW_COLUMNS])]
            seen: dict[str, int] = {}
            unique = []
            for h in header:  # st.dataframe needs unique column names
                seen[h] = seen.get(h, 0) + 1
                unique.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
            df = t.frame.iloc[:rows, :PREVIEW_COLUMNS].copy()
            df.columns = unique[: len(df.columns)]
            df.insert(0, "行", t.row_numbers[:rows])
            out[t.sheet or file_name] = df
        return out
    except ReadError:
        return {}
