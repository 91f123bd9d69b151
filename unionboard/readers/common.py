"""What every reader shares: the limits a file is refused by, a source (bytes or a path on disk) read in
blocks, and what a reader gives — a Sheet of text cells with its own row numbers and merged ranges, the
Notices about it, and the RawTable pieces the layout step (unionboard.layout) makes of it; and the
filling-down of vertically merged cells in a sheet's body.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd


# Refused before parsing: limits a district's monthly roster never reaches (configurable).
def max_file_bytes() -> int:
    """$UNIONBOARD_MAX_FILE_MB (default 512 MB)."""
    return int(float(os.environ.get("UNIONBOARD_MAX_FILE_MB", "512")) * 1024 * 1024)


def max_rows() -> int:
    """$UNIONBOARD_MAX_ROWS (default 12,000,000 data rows)."""
    return int(os.environ.get("UNIONBOARD_MAX_ROWS", "12000000"))


def max_xlsx_unpacked_bytes() -> int:
    """$UNIONBOARD_MAX_XLSX_UNPACKED_MB (default 2048 MB): what an XLSX may expand to (zip bombs)."""
    return int(float(os.environ.get("UNIONBOARD_MAX_XLSX_UNPACKED_MB", "2048")) * 1024 * 1024)


class ReadError(Exception):
    """A file that cannot be read at all (encoding, format, size)."""


# A file to read: its bytes (an upload), or the file on disk, which a text file is read from as it is
# parsed (a province's 10-million-row roster is never held whole; spreadsheets are read into memory).
Source = bytes | Path
_BLOCK = 1 << 23


def source_size(src: Source) -> int:
    """The file's size in bytes."""
    return src.stat().st_size if isinstance(src, Path) else len(src)


def source_head(src: Source, n: int) -> bytes:
    """The file's first n bytes."""
    if isinstance(src, Path):
        with src.open("rb") as f:
            return f.read(n)
    return src[:n]


def source_bytes(src: Source) -> bytes:
    """The whole file."""
    return src.read_bytes() if isinstance(src, Path) else src


def source_blocks(src: Source, step: int = _BLOCK) -> Iterator[bytes | memoryview]:
    """The file in consecutive blocks of `step` bytes."""
    if isinstance(src, Path):
        with src.open("rb") as f:
            while block := f.read(step):
                yield block
        return
    view = memoryview(src)
    for start in range(0, len(view), step):
        yield view[start:start + step]


def source_open(src: Source) -> BinaryIO:
    """The file as a binary stream."""
    return src.open("rb") if isinstance(src, Path) else io.BytesIO(src)


def source_digest(src: Source) -> str:
    """The file's SHA-256 (the import history's checksum)."""
    digest = hashlib.sha256()
    for block in source_blocks(src):
        digest.update(block)
    return digest.hexdigest()


# A units roster is checked this many records at a time: memory stays flat however long the file (a
# province's roster: 100,000 peaks lower than 200,000 at the same speed, bench at 10,000,000 units).
CHUNK_ROWS = 100_000


def tunable(name: str) -> int:
    """A size set on the package — readers.CHUNK_ROWS, readers.ARROW_BLOCK_BYTES, readers.MAX_ROW_TAGS —
    read from it when used, so that setting it there (the tests shrink them) reaches every reader module."""
    return getattr(sys.modules[__package__], name)

# A formula cell whose file holds no computed value (NUL never occurs in spreadsheet text).
FORMULA_WITHOUT_VALUE = "\x00formula"
# Excel's limits: a column or row beyond them is a damaged or hostile file.
MAX_COLUMNS = 16_384
MAX_SHEET_ROWS = 1_048_576
# ODS repeats a cell with one attribute: a value repeated over more columns than any table has is cut.
REPEAT_COLUMNS = 64


def max_cells() -> int:
    """Cells an ODS may expand its repeated rows and cells into: 64 per allowed row ($UNIONBOARD_MAX_ROWS),
    at most 40 million (an ODS holds at most 1,048,576 rows; a roster has about 20 columns)."""
    return min(max_rows() * 64, 40_000_000)


@dataclass
class Notice:
    """Something the reader skipped, inferred or could not read, for the user: where (sheet row as
    the user sees it, 0-based column) and what (a message key of i18n with its parameters)."""

    sheet: str | None
    row: int | None
    col: int | None
    key: str
    params: dict = field(default_factory=dict)
    header: str | None = None
    value: str | None = None


@dataclass
class Reading:
    """What reading one table found besides its rows, shared by all its pieces (filled as they are read)."""

    notices: list[Notice] = field(default_factory=list)   # skipped or inferred things
    warnings: list[Notice] = field(default_factory=list)  # things that may be wrong (a total that does not add up)
    title_date: dt.date | None = None                     # a report date written above the header
    title_date_row: int | None = None
    # issue 23: the words of a title that gave a month without a day ("2015年1-6月"), and two different
    # dates above the header (row, date, words), which the units check names instead of guessing
    title_date_words: str | None = None
    title_date_conflict: list[tuple[int, dt.date, str]] = field(default_factory=list)


@dataclass
class RawTable:
    """One table: header cells, data cells as text (columns by position: position 0 is column A) and
    the sheet's own row numbers.

    A table is read piece by piece: `frame` holds the first piece and `rest` yields the others (each
    a RawTable with its own row numbers). `pieces()` walks them all, once.
    """

    sheet: str | None
    header: list[str]
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    row_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rest: Iterator[RawTable] | None = None
    header_row: int = 1
    reading: Reading = field(default_factory=Reading)

    def __len__(self) -> int:
        return len(self.frame)

    def pieces(self, rows: int | None = None) -> Iterator[RawTable]:
        """The table in pieces of at most `rows` (CHUNK_ROWS) records (a lazily read table is consumed)."""
        rows = rows or tunable("CHUNK_ROWS")
        if self.rest is not None:
            yield self._like(self.frame, self.row_numbers)
            yield from self.rest
            return
        for start in range(0, max(len(self.frame), 1), rows):
            yield self._like(self.frame.iloc[start:start + rows].reset_index(drop=True),
                             self.row_numbers[start:start + rows])

    def _like(self, frame: pd.DataFrame, numbers: np.ndarray) -> RawTable:
        return RawTable(self.sheet, self.header, frame, numbers, header_row=self.header_row, reading=self.reading)

    def whole(self) -> RawTable:
        """All pieces in one table (for the small kinds, whose rules look at the whole file at once)."""
        if self.rest is None:
            return self
        parts = list(self.pieces())
        frame = pd.concat([p.frame for p in parts], ignore_index=True) if len(parts) > 1 else parts[0].frame
        return self._like(frame, np.concatenate([p.row_numbers for p in parts]))


Cells = list[tuple[int, str]]  # the non-empty cells of a row: (0-based column, text)


@dataclass
class Sheet:
    """One worksheet, or a text file, as read: spreadsheet rows (only those holding a cell, each with its
    non-empty cells) or, for CSV/TSV, frames of text records; merged ranges; notices found while reading
    (hidden rows are known only at the end of a sheet)."""

    name: str | None
    fmt: str
    rows: Iterator[tuple[int, Cells]] | None = None
    frames: Iterator[tuple[np.ndarray, pd.DataFrame]] | None = None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first col, last row, last col
    hidden: bool = False
    notices: list[Notice] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A spreadsheet cell value as the text a user would type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)



def _hidden_notice(sheet: Sheet, rows: list[int], cols: list[int]) -> None:
    """Hidden rows and columns are read like the others, and said so."""
    if rows or cols:
        sheet.notices.append(Notice(sheet.name, None, None, "hidden_rows_cols",
                                    {"rows": rows, "cols": sorted(set(cols))}))



# ---------------------------------------------------------------- merged cells in the body

def filled_down(rows: Iterator[tuple[int, Cells]], merges: list[tuple[int, int, int, int]],
                filled: dict[int, list[int]]) -> Iterator[tuple[int, Cells]]:
    """Rows with each vertically merged range's value in every row of the range that is present (its
    first column). `filled` collects, per column, the rows that received a value.

    `merges` is sorted by first row; it may grow while the rows are read (an ODS names a range at its
    first cell), as long as a range is added before its first row is yielded.
    """
    active: list[tuple[int, int, str]] = []  # (last row, column, value) as a heap on the last row
    k = 0
    for number, cells in rows:
        while active and active[0][0] < number:
            heapq.heappop(active)
        starting = []
        while k < len(merges) and merges[k][0] <= number:
            first, col, last, _ = merges[k]
            if first == number and last > first:
                starting.append((last, col))
            k += 1
        if starting:
            values = dict(cells)
            for last, col in starting:
                if col in values:
                    heapq.heappush(active, (last, col, values[col]))
        if active:
            present = {c for c, _ in cells}
            extra = [(col, value) for _, col, value in active if col not in present]
            if extra:
                cells = sorted(cells + extra)
                for col, _ in extra:
                    filled.setdefault(col, []).append(number)
        yield number, cells
