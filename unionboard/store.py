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


@contextlib.contextmanager
def transaction(db: Path, *, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a writable copy of the database; on success swap it in atomically, else discard it.

    With ``fresh=True`` the copy starts empty (used by ``init``). Callers must hold write_lock.
    """
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".unionboard-", suffix=".tmp.duckdb", dir=db.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        if db.exists() and not fresh:
            shutil.copyfile(db, tmp)
        con = duckdb.connect(str(tmp))
        try:
            execute(con, load_sql("schema"))
            execute(con, "BEGIN TRANSACTION")
            yield con
            execute(con, "COMMIT")
            execute(con, "CHECKPOINT")
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
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
