"""Where the database lives, how it is read, and how it is changed atomically.

Design (see docs/architecture.md, "How imports stay atomic"):

* Readers never open the database file for writing. Each reader opens an in-memory DuckDB and
  ATTACHes the file READ_ONLY. (A plain ``duckdb.connect(path)`` would reuse a cached instance
  for the same path and keep showing old data after a swap.)
* A writer takes an exclusive lock file, copies the database to a temporary file in the same
  folder, applies the change there, checkpoints and closes it, then ``os.replace``s it over the
  database. The rename is atomic: a reader sees the old file or the new one, never a mix, and an
  import killed half-way leaves only a stray temporary file behind.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb

from .sql import execute, fill, load_sql

DEFAULT_DB = Path("data") / "unionboard.duckdb"


def resolve_db(path: str | os.PathLike | None = None) -> Path:
    """The database path: an explicit path, else $UNIONBOARD_DB, else data/unionboard.duckdb."""
    if path:
        return Path(path)
    env = os.environ.get("UNIONBOARD_DB")
    return Path(env) if env else DEFAULT_DB


def data_version(db: Path) -> tuple[int, int, int] | None:
    """An identity of the database's current content: changes with every write (swap)."""
    try:
        st = os.stat(db)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def reports_dir(db: Path) -> Path:
    """The folder of the units report files (Parquet, one per report, never changed once written)."""
    return Path(db).parent / f"{Path(db).stem}.reports"


class LegacyDatabase(Exception):
    """A database of the first release (units in a table): converted by the next write (or `migrate`)."""


LAYOUT_FILE = "layout.parquet"  # an empty report file with the units columns: no list of files is ever empty


def _prepare(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Give a connection (catalog attached as `db`) the SQL vocabulary and the view `units`.

    `units` reads the Parquet files of every current report; queries that need the reports in force at
    a date get those files as a parameter (views.resolve), which reads only them. Both, and the
    vocabulary's macros, live in the connection's in-memory catalog, so every cursor sees them.
    """
    if execute(con, load_sql("legacy_units_present"))[0][0]:
        raise LegacyDatabase(str(db))
    _units_view(con, db)
    _vocabulary(con, db)


def _units_view(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """The view `units`: the rows of every current report (the layout file first, so never empty)."""
    # issue 25: every report received, with its review state (read as accepted in a database written before)
    present = execute(con, load_sql("review_columns_present"))[0][0]
    execute(con, load_sql("received_reports" if present else "received_reports_fallback"))
    folder = reports_dir(db)
    files = [folder / LAYOUT_FILE] + [folder / r[0] for r in execute(con, load_sql("current_report_files"))]
    execute(con, fill("units_view", files=files))


def _vocabulary(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """The macros of queries/vocabulary.sql and where the report files are, in the in-memory catalog."""
    execute(con, load_sql("store_info"), {"folder": str(reports_dir(db).resolve())})
    execute(con, load_sql("use_memory"))
    execute(con, load_sql("vocabulary"))
    cells, _, sightings = execute(con, load_sql("derived_tables_present"))[0]
    if not cells:  # written before report_cells: counted on the fly
        execute(con, load_sql("report_cells_fallback"))
    if not sightings:
        execute(con, load_sql("event_sightings_fallback"))
    execute(con, load_sql("vocabulary_reports"))
    scoped = execute(con, load_sql("targets_scoped_present"))[0][0]
    execute(con, load_sql("target_views" if scoped else "target_views_fallback"))
    if not execute(con, load_sql("area_tables_present"))[0][0]:  # issue 24: written before report_area_cells
        execute(con, load_sql("report_area_cells_fallback"))
    execute(con, load_sql("vocabulary_areas"))  # issue 24: one level down (area_progress.sql, area_status.sql)
    execute(con, load_sql("scope_goals"))  # issue 27: reads the target views
    execute(con, load_sql("use_db"))


def connect_read(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database's current file (schema `db` is the default)."""
    if not Path(db).exists():
        raise FileNotFoundError(str(db))
    con = duckdb.connect(":memory:")
    execute(con, fill("attach_read", path=Path(db)))
    _prepare(con, Path(db))
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a read connection (one per thread), reading the attached database."""
    cur = con.cursor()
    execute(cur, load_sql("use_db"))  # USE and the search path are per cursor, not inherited from the connection
    return cur


@contextlib.contextmanager
def write_lock(db: Path) -> Iterator[None]:
    """Serialise writers (imports, init) across processes with a lock file beside the DB."""
    lock_path = Path(str(db) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def backup_dir(db: Path) -> Path:
    """Where the state before each accepted import is kept (for rollback)."""
    return Path(db).parent / "backups" / Path(db).stem


def remove_stale_temporaries(folder: Path, pattern: str = ".unionboard-*.tmp.duckdb*") -> None:
    """Temporary files (copies, scratch files) left by a writer that was killed; safe to remove while
    holding the write lock."""
    for leftover in Path(folder).glob(pattern):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


@contextlib.contextmanager
def transaction(db: Path, *, fresh: bool = False, source: Path | None = None,
                keep_as: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a writable copy of the database; on success swap it in atomically, else discard it.

    The copy starts from `source` (rollback), empty with ``fresh=True`` (init), else from the
    database itself. With `keep_as`, the replaced file stays reachable there (a hard link to the old
    inode: the state before the change, for rollback). Callers must hold write_lock.

    The database file holds the dictionaries, logs, history and the list of reports; the units of the
    reports are Parquet files beside it (write_report_file), written before the copy is swapped in and
    never changed afterwards, so the copy stays small however many units the district has.
    """
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(db.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=".unionboard-", suffix=".tmp.duckdb", dir=db.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        origin = source if source is not None else (None if fresh else db)
        if origin is not None and Path(origin).exists():
            shutil.copyfile(origin, tmp)
        con = duckdb.connect(":memory:")
        try:
            # bounded, spilling to disk beyond it: an import of a million units stays near 1.5 GB
            execute(con, load_sql("memory_limit"), {"limit": os.environ.get("UNIONBOARD_DUCKDB_MEMORY", "512MB")})
            execute(con, fill("attach_write", path=tmp))
            had_sightings = bool(execute(con, load_sql("derived_tables_present"))[0][2])
            had_areas = bool(execute(con, load_sql("area_tables_present"))[0][0])  # issue 24
            execute(con, load_sql("schema"))
            _upgrade_targets(con)
            _write_layout_file(con, db)
            _units_view(con, db)
            _vocabulary(con, db)
            if not had_areas:  # issue 24
                _count_areas_of_older_reports(con, db)
            _migrate_legacy_units(con, db)
            _count_older_reports(con, db, areas=not had_areas)
            _units_view(con, db)
            events_before = execute(con, load_sql("events_count"))[0][0] if had_sightings else None
            con.begin()
            yield con
            if events_before != execute(con, load_sql("events_count"))[0][0]:
                _rebuild_event_sightings(con, db)
            con.commit()
            execute(con, load_sql("detach_write"))
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if keep_as is not None and db.exists():
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                keep_as.unlink()
            os.link(db, keep_as)
        os.replace(tmp, db)
        _fsync_dir(db.parent)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_report_file(con: duckdb.DuckDBPyConnection, db: Path, import_id: int, query: str,
                      params: dict[str, object], **parts: str) -> str:
    """Write the rows of one report as a new Parquet file in the reports folder, durably, and return its
    name (to be listed in `reports` by the caller). `query` is the COPY statement writing them (a file
    of queries/ whose rows are in the columns and types of units_layout), with its {{path}} and `parts`.

    The name carries the import id and a random part: never a user value, never an existing file.
    """
    folder = reports_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"r{import_id:06d}-{os.urandom(6).hex()}.parquet"
    partial = folder / f".{name}.partial"
    execute(con, fill(query, path=partial, **parts), params)
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, folder / name)
    _fsync_dir(folder)
    return name


def record_report_counts(con: duckdb.DuckDBPyConnection, db: Path,
                         reports: Sequence[tuple[int, object, str, str]], areas: bool = True) -> None:
    """Count new reports once, from their files (report_cells, report_formed: a report never changes, so
    neither do its counts), and note where they show the units that have events (event_sightings).
    `reports` are (import id, report date, town, file name in the reports folder); all of them are counted
    by three statements, however many there are. `areas`: also by 村居园区 (issue 24), unless already counted."""
    if not reports:
        return
    folder = reports_dir(db).resolve()
    params: dict[str, list] = {"ids": [r[0] for r in reports], "snapshots": [r[1] for r in reports],
              "towns": [r[2] for r in reports], "files": [str(folder / r[3]) for r in reports]}
    execute(con, load_sql("report_cells_insert"), params)
    execute(con, load_sql("report_formed_insert"), params)
    execute(con, load_sql("event_sightings_insert"), params)
    if areas:
        _count_areas(con, params)  # issue 24


def _count_areas(con: duckdb.DuckDBPyConnection, params: dict[str, list]) -> None:
    """(issue 24) Count reports by 村居园区 (report_area_cells, report_area_formed), from their files."""
    execute(con, load_sql("report_area_cells_insert"), params)
    execute(con, load_sql("report_area_formed_insert"), params)


def _count_areas_of_older_reports(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """(issue 24) A database written before report_area_cells: count every report it lists by 村居园区 (inside the
    writer's copy). One older still (report_stats) is counted whole by _count_older_reports, areas included."""
    if execute(con, load_sql("derived_tables_present"))[0][1]:
        return
    folder = reports_dir(db).resolve()
    # a superseded report's file may be gone with its backup
    reports = [r for r in execute(con, load_sql("report_area_upgrade")) if (folder / r[3]).exists()]
    if reports:
        _count_areas(con, {"ids": [r[0] for r in reports], "snapshots": [r[1] for r in reports],
                           "towns": [r[2] for r in reports], "files": [str(folder / r[3]) for r in reports]})


def _rebuild_event_sightings(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Where the units with events were seen, made again from every report's file: the events changed (or
    the database had no event_sightings yet), so reports already counted may hold units newly in events."""
    folder = reports_dir(db).resolve()
    files = [folder / LAYOUT_FILE] + [folder / r[0] for r in execute(con, load_sql("all_report_files"))]
    execute(con, fill("event_sightings_rebuild", files=files))


def _write_layout_file(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """The empty report file every list of report files starts with (written once per database)."""
    folder = reports_dir(db)
    if (folder / LAYOUT_FILE).exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{LAYOUT_FILE}.partial"
    execute(con, fill("layout_file", path=partial))
    os.replace(partial, folder / LAYOUT_FILE)
    _fsync_dir(folder)


def remove_orphan_report_files(db: Path, last_import_id: int) -> None:
    """Report files of imports that never committed (killed, or failed while writing): a file whose import
    id is above every id in the history (`last_import_id`) can be listed by no database state, nor by a
    backup. Call with the write lock held."""
    folder = reports_dir(db)
    if not folder.exists():
        return
    for f in folder.glob("*.parquet*"):
        digits = f.name.lstrip(".").removeprefix("r").split("-")[0]
        if f.name.startswith(".") or (digits.isdigit() and int(digits) > last_import_id):
            with contextlib.suppress(FileNotFoundError):
                f.unlink()


def _migrate_legacy_units(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """A database of the first release keeps units in a table: write each (报表日期, 街镇) as a report file
    and list it, then drop the table (inside the writer's copy: the live file changes only on success)."""
    if not execute(con, load_sql("legacy_units_present"))[0][0]:
        return
    execute(con, load_sql("legacy_units"))
    written = []
    for snapshot, town, rows in execute(con, load_sql("legacy_report_pairs")):
        name = write_report_file(con, db, 0, "report_file_from_legacy", {"snapshot": snapshot, "town": town})
        execute(con, load_sql("legacy_report_row"), {"s": snapshot, "t": town, "file": name, "rows": rows})
        written.append((0, snapshot, town, name))
    record_report_counts(con, db, written)
    execute(con, load_sql("legacy_units_drop"))


def _upgrade_targets(con: duckdb.DuckDBPyConnection) -> None:
    """A database written before area and scoped targets: its targets table gets the 村居园区 and 范围 key
    columns (inside the writer's copy; every existing row is a town's target from the district)."""
    if not execute(con, load_sql("targets_scoped_present"))[0][0]:
        execute(con, load_sql("targets_upgrade"))


def _count_older_reports(con: duckdb.DuckDBPyConnection, db: Path, areas: bool) -> None:
    """A database written before report_cells existed (its counts by industry only, in report_stats): count
    every report it lists from its file, then drop the older counts (inside the writer's copy). `areas`: the
    database has no counts by 村居园区 yet either (issue 24)."""
    if not execute(con, load_sql("derived_tables_present"))[0][1]:
        return
    record_report_counts(con, db, [(import_id, snapshot, town, file)
                                   for import_id, snapshot, town, file in execute(con, load_sql("report_stats_upgrade"))
                                   # a superseded report's file may be gone with its backup
                                   if (reports_dir(db) / file).exists()], areas=areas)
    execute(con, load_sql("report_stats_drop"))


def prune_backups(db: Path, keep: int | None = None) -> None:
    """Keep the newest `keep` backups ($UNIONBOARD_KEEP_BACKUPS, default 30)."""
    keep = keep if keep is not None else int(os.environ.get("UNIONBOARD_KEEP_BACKUPS", "30"))
    files = sorted(backup_dir(db).glob("before-*.duckdb"), key=lambda p: int(p.stem.split("-")[1]))
    for old in files[: max(0, len(files) - keep)]:
        old.unlink()
