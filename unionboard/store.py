"""Where the database lives, how it is read, and how it is changed atomically.

Design (see README, "How imports stay atomic"):

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
from collections.abc import Iterator
from pathlib import Path

import duckdb

from .sql import execute, load_sql

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


def connect_read(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database's current file (schema `db` is the default)."""
    if not Path(db).exists():
        raise FileNotFoundError(str(db))
    con = duckdb.connect(":memory:")
    # The path is the operator's configuration, never a user value; quote it as a SQL literal.
    literal = "'" + str(Path(db).resolve()).replace("'", "''") + "'"
    execute(con, f"ATTACH {literal} AS db (READ_ONLY)")
    execute(con, "USE db")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a read connection (one per thread), reading the attached database."""
    cur = con.cursor()
    execute(cur, "USE db")  # USE is per cursor, not inherited from the connection
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
        con = duckdb.connect(str(tmp))
        try:
            # bounded, spilling to disk beyond it: an import of a million units stays near 1.5 GB
            execute(con, "SET memory_limit = $limit", {"limit": os.environ.get("UNIONBOARD_DUCKDB_MEMORY", "512MB")})
            execute(con, load_sql("schema"))
            execute(con, "BEGIN TRANSACTION")
            yield con
            execute(con, "COMMIT")
            execute(con, "CHECKPOINT")
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
        dir_fd = os.open(db.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def prune_backups(db: Path, keep: int | None = None) -> None:
    """Keep the newest `keep` backups ($UNIONBOARD_KEEP_BACKUPS, default 30)."""
    keep = keep if keep is not None else int(os.environ.get("UNIONBOARD_KEEP_BACKUPS", "30"))
    files = sorted(backup_dir(db).glob("before-*.duckdb"), key=lambda p: int(p.stem.split("-")[1]))
    for old in files[: max(0, len(files) - keep)]:
        old.unlink()
