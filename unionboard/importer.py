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
from .sql import execute
from .store import backup_dir, connect_read, prune_backups, remove_stale_temporaries, transaction, write_lock
from .validate import Context, Problem, check_table, check_units, typed
from .views import town_lookup


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
    snaps = {r[0] for r in con.execute("SELECT DISTINCT snapshot FROM units").fetchall()}
    return Context(towns, lookup, buildings, feds, snaps)


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
    """A checked roster waiting in the staging database (table `table`), and its date."""

    table: str
    snapshot: dt.date
    rows: int


@contextlib.contextmanager
def staging_database(folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A scratch DuckDB file in `folder` (beside the database: same disk, not a RAM-backed /tmp) that
    holds a checked roster until it is applied, removed afterwards. Call with the write lock held:
    scratch files left by a killed import are removed first.

    On disk rather than in memory: DuckDB compresses what it writes to a file, and its buffer pool
    (the memory limit) bounds what it keeps in memory, so a long roster does not grow the process.
    """
    remove_stale_temporaries(folder, ".unionboard-stage-*.duckdb*")
    fd, name = tempfile.mkstemp(prefix=".unionboard-stage-", suffix=".duckdb", dir=folder)
    os.close(fd)
    path = Path(name)
    path.unlink()
    con = duckdb.connect(str(path))
    try:
        execute(con, "SET memory_limit = $limit", {"limit": os.environ.get("UNIONBOARD_STAGE_MEMORY", "256MB")})
        yield con
    finally:
        con.close()
        for leftover in (path, Path(f"{path}.wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _stager(stage: duckdb.DuckDBPyConnection, table: str):  # noqa: ANN202 - a closure
    """A sink that appends typed roster pieces to `table` in the staging database."""
    def sink(piece: pd.DataFrame) -> None:
        stage.register("piece", piece)
        try:
            exists = execute(stage, "SELECT count(*) FROM duckdb_tables() WHERE table_name = $t", {"t": table})[0][0]
            # `table` is made by this module ("incoming_N"), never a user value
            execute(stage, f"INSERT INTO {table} SELECT * FROM piece" if exists else
                    f"CREATE TABLE {table} AS SELECT * FROM piece")
        finally:
            stage.unregister("piece")
    return sink


def validate_file(ctx: Context, data: bytes, file_name: str, kind: str | None = None, *,
                  snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                  stage: duckdb.DuckDBPyConnection | None = None
                  ) -> tuple[list[tuple[str, pd.DataFrame | StagedUnits]], ImportResult]:
    """Read and check a file against ctx; changes nothing. Returns what to apply and a result.

    The small kinds come back as typed frames. A roster is checked piece by piece; with a `stage`
    (see staging_database) its typed rows are kept there and come back as StagedUnits.
    """
    result = ImportResult(ok=False)
    frames: list[tuple[str, pd.DataFrame | StagedUnits]] = []
    try:
        sheets = read_file(data, file_name, lang)
        pairs, problems, warnings, notices = _assign_kinds(sheets, kind, file_name, lang)
        result.problems += problems
        result.warnings += warnings
        result.notices += notices
        for n, (k, table) in enumerate(pairs):
            if snapshot is not None and k.key != "units" and kind not in (None, "auto"):
                result.problems.append(Problem(file_name, table.sheet, None, None, None, "bad_replace", {}))
            if k.key == "units":
                name = f"incoming_{n}"
                table_snapshot = _title_snapshot(file_name, table, snapshot, result, lang)
                uc = check_units(k, table, file_name, ctx, snapshot=table_snapshot, replace=replace,
                                 sink=_stager(stage, name) if stage is not None else None)
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
                    frames.append((k.key, StagedUnits(name, uc.snapshot, uc.rows)))
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
    result.ok = not result.problems
    return frames, result


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
           stage: duckdb.DuckDBPyConnection | None = None) -> str:
    """Write one validated frame (or a staged roster); return a line saying what changed."""
    name = KINDS[kind].zh if lang != "en" else kind
    if isinstance(df, StagedUnits):
        return _apply_units(con, df, stage, name, lang)
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
        # events and training are logs: a row already present is not added twice
        added = con.execute(f"""INSERT INTO {kind} SELECT {quoted} FROM incoming
                                EXCEPT SELECT {quoted} FROM {kind} RETURNING 1""").fetchall()
        return f"{name}: +{len(added)}, ={len(df) - len(added)}"
    finally:
        con.unregister("incoming")


def _apply_units(con: duckdb.DuckDBPyConnection, staged: StagedUnits, stage: duckdb.DuckDBPyConnection,
                 name: str, lang: str) -> str:
    """Replace (or add) one roster from the staging database, streamed across as Arrow batches."""
    snap = staged.snapshot
    # `staged.table` is made by this module ("incoming_N"), never a user value
    con.register("incoming", stage.sql(f"SELECT * FROM {staged.table}").to_arrow_reader(100_000))
    try:
        replaced = con.execute("SELECT count(*) FROM units WHERE snapshot = $s", {"s": snap}).fetchall()[0][0]
        execute(con, "DELETE FROM units WHERE snapshot = $s", {"s": snap})
        execute(con, """INSERT INTO units SELECT $s::DATE, credit_code, name, town, area, building,
                       industry, unit_type, fortune500, employees, migrant_workers, status, union_form,
                       federation, union_date, members, migrant_members FROM incoming""", {"s": snap})
    finally:
        con.unregister("incoming")
    extra = f"（替换原 {replaced:,} 行）" if replaced and lang != "en" else \
        (f" (replaced {replaced:,} rows)" if replaced else "")
    return f"{name} {snap.isoformat()}: {staged.rows:,}{extra}"


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


def import_bytes(db: Path, data: bytes, file_name: str, kind: str | None = None, *,
                 snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                 user: str | None = None) -> ImportResult:
    """Validate and import one file; all or nothing, recorded in the history either way.

    The state before an accepted import is kept in the backups folder, so it can be rolled back.
    """
    digest = hashlib.sha256(data).hexdigest()
    file_name = Path(file_name).name
    with write_lock(db):
        con = connect_read(db)
        try:
            ctx = load_context(con)
            new_id = _next_id(con)
        finally:
            con.close()
        with staging_database(Path(db).parent) as stage:
            frames, result = validate_file(ctx, data, file_name, kind, snapshot=snapshot, replace=replace, lang=lang,
                                           stage=stage)
            kinds = ",".join(result.kinds) or (kind or "auto")
            keep = backup_dir(db) / f"before-{new_id}.duckdb" if result.ok else None
            with transaction(db, keep_as=keep) as w:
                if result.ok:
                    for k, df in frames:
                        result.summary.append(_apply(w, k, df, lang, stage))
                    detail = "; ".join(result.summary)
                else:
                    detail = "; ".join(p.line(lang) for p in result.problems[:20])
                _record(w, new_id, kinds, file_name, digest, result.rows, "imported" if result.ok else "refused",
                        detail, user)
                result.import_id = new_id
        if keep is not None:
            prune_backups(db)
    return result


class RollbackError(Exception):
    """A rollback that cannot be done (unknown import, refused import, backup gone)."""


def rollback(db: Path, import_id: int, *, user: str | None = None, lang: str = "zh") -> int:
    """Restore the state before import `import_id` (undoing it and every later import).

    The history is kept whole and gains a line for the rollback. Returns the rollback's own id.
    """
    with write_lock(db):
        con = connect_read(db)
        try:
            row = con.execute("SELECT result FROM imports WHERE id = $id", {"id": import_id}).fetchall()
            history = con.execute("SELECT * FROM imports ORDER BY id").df()
            new_id = _next_id(con)
        finally:
            con.close()
        if not row:
            raise RollbackError(msg("rollback_unknown", lang, id=import_id))
        if row[0][0] != "imported":
            raise RollbackError(msg("rollback_not_imported", lang, id=import_id))
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


def import_path(db: Path, path: Path, kind: str | None = None, **kw: object) -> ImportResult:
    """import_bytes for a file on disk."""
    return import_bytes(db, Path(path).read_bytes(), Path(path).name, kind, **kw)


def create_database(db: Path) -> None:
    """A new database holding only the town dictionary (init --empty)."""
    with write_lock(db), transaction(db, fresh=True) as w:
        for i, (town, kind, aliases) in enumerate(JIADING_TOWNS, start=1):
            execute(w, "INSERT INTO towns VALUES ($o, $t, $k, $a)", {"o": i, "t": town, "k": kind, "a": list(aliases)})


def check_bytes(db: Path, data: bytes, file_name: str, kind: str | None = None, *,
                snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh") -> ImportResult:
    """Validate a file against the database without changing anything (the upload preview)."""
    con = connect_read(db)
    try:
        ctx = load_context(con)
    finally:
        con.close()
    _, result = validate_file(ctx, data, Path(file_name).name, kind, snapshot=snapshot, replace=replace, lang=lang)
    return result


def preview(data: bytes, file_name: str, rows: int = 20, kind: str | None = None) -> dict[str, pd.DataFrame]:
    """The first data rows of each table of a file as the importer reads them (header found, title,
    total and footer rows skipped), with the sheet's row numbers, for display before importing."""
    try:
        pairs, *_ = _assign_kinds(read_file(data, file_name), kind, Path(file_name).name, "zh")
        out = {}
        for _, t in pairs:
            header = [h or f"({layout.letter(i)})" for i, h in enumerate(t.header)]
            seen: dict[str, int] = {}
            unique = []
            for h in header:  # st.dataframe needs unique column names
                seen[h] = seen.get(h, 0) + 1
                unique.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
            df = t.frame.head(rows).copy()
            df.columns = unique[: len(df.columns)]
            df.insert(0, "行", t.row_numbers[:rows])
            out[t.sheet or file_name] = df
        return out
    except ReadError:
        return {}
