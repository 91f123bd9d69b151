"""The scratch database where checked rosters wait until an import applies them (or a preview ends).

On disk rather than in memory: DuckDB compresses what it writes to a file, and its buffer pool (the
memory limit) bounds what it keeps in memory, so a long roster does not grow the process. Beside the
database (same disk, not a RAM-backed /tmp). Each staged table has the columns and types of a report
file (units_layout, read from the database's empty layout file), so a town's rows are copied from it
into that town's report file as they are.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from .sql import execute, fill, load_sql
from .store import remove_stale_temporaries


@dataclass
class StagedUnits:
    """A checked roster waiting in the staging database (table `table`), its date and towns."""

    table: str
    snapshot: dt.date
    rows: int
    towns: dict[str, int]  # rows per town covered


class Stage:
    """A scratch DuckDB file that holds checked rosters until they are applied, removed afterwards.

    `release()` closes it so that the writer can ATTACH it and copy each town's rows straight into
    that town's report file.
    """

    def __init__(self, folder: Path, layout: Path, prefix: str = ".unionboard-stage-") -> None:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".duckdb", dir=folder)
        os.close(fd)
        self.path = Path(name)
        self.path.unlink()
        self.layout = layout
        self.tables: set[str] = set()
        self.con: duckdb.DuckDBPyConnection | None = duckdb.connect(str(self.path))
        execute(self.con, load_sql("memory_limit"), {"limit": os.environ.get("UNIONBOARD_STAGE_MEMORY", "256MB")})

    def sink(self, table: str) -> Callable[[pd.DataFrame], None]:
        """A sink that appends typed roster pieces to `table` (a name the importer made: incoming_N)."""
        def append(piece: pd.DataFrame) -> None:
            con = self.con
            assert con is not None, "the stage was released"
            if table not in self.tables:
                execute(con, fill("stage_create", table=table, layout=self.layout))
                self.tables.add(table)
            # as Arrow: DuckDB scans Arrow columns as they are, pandas' string columns value by value
            con.register("piece", pa.Table.from_pandas(piece, preserve_index=False))
            try:
                execute(con, fill("stage_append", table=table))
            finally:
                con.unregister("piece")
        return append

    def release(self) -> Path:
        """Close the scratch database (its tables stay in the file) and return its path."""
        if self.con is not None:
            self.con.checkpoint()
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
def staging_database(folder: Path, layout: Path, *, preview: bool = False) -> Iterator[Stage]:
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
    stage = Stage(folder, layout, ".unionboard-preview-" if preview else ".unionboard-stage-")
    try:
        yield stage
    finally:
        stage.remove()
