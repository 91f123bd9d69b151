"""Read CSV (UTF-8, UTF-8 with BOM, GB18030/GBK) and XLSX files into raw text tables.

Every cell comes back as text (Excel dates as YYYY-MM-DD) together with the row number the
user sees in the file (header = row 1), so that validation can name rows exactly.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import openpyxl
import pandas as pd

from .i18n import msg


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


# A units roster is checked this many records at a time: memory stays flat however long the file.
CHUNK_ROWS = 200_000


@dataclass
class RawTable:
    """One sheet or CSV file: header cells, data cells as text (columns by position) and row numbers.

    A CSV file is read piece by piece: `frame` holds the first piece and `rest` yields the others
    (each a RawTable with its own row numbers). `pieces()` walks them all, once.
    """

    sheet: str | None
    header: list[str]
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    row_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rest: Iterator[RawTable] | None = None

    def __len__(self) -> int:
        return len(self.frame)

    def pieces(self, rows: int | None = None) -> Iterator[RawTable]:
        """The table in pieces of at most `rows` (CHUNK_ROWS) records (a lazily read CSV is consumed)."""
        rows = rows or CHUNK_ROWS
        if self.rest is not None:
            yield RawTable(self.sheet, self.header, self.frame, self.row_numbers)
            yield from self.rest
            return
        for start in range(0, max(len(self.frame), 1), rows):
            yield RawTable(self.sheet, self.header, self.frame.iloc[start:start + rows].reset_index(drop=True),
                           self.row_numbers[start:start + rows])

    def whole(self) -> RawTable:
        """All pieces in one table (for the small kinds, whose rules look at the whole file at once)."""
        if self.rest is None:
            return self
        parts = list(self.pieces())
        frame = pd.concat([p.frame for p in parts], ignore_index=True) if len(parts) > 1 else parts[0].frame
        return RawTable(self.sheet, self.header, frame, np.concatenate([p.row_numbers for p in parts]))


def _cell_text(value: object) -> str:
    """An XLSX cell value as the text a user would type."""
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_encoding(data: bytes, lang: str = "zh") -> str:
    """The encoding of CSV bytes, by strict trial: UTF-8 (with or without BOM), then GB18030.

    Decoded incrementally in 8 MB steps, so a large file is never held twice as text. Text that
    decodes only with replacement characters (U+FFFD) is refused.
    """
    candidates = ["utf-8-sig"] if data.startswith(b"\xef\xbb\xbf") else ["utf-8", "gb18030"]
    view = memoryview(data)
    step = 1 << 23
    for enc in candidates:
        decoder = codecs.getincrementaldecoder(enc)("strict")
        try:
            for start in range(0, len(view), step):
                if "\ufffd" in decoder.decode(view[start:start + step]):
                    raise ReadError(msg("replacement_chars", lang))
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return enc
    raise ReadError(msg("encoding", lang))


def _record_frames(data: bytes, encoding: str, rows: int, lang: str) -> Iterator[pd.DataFrame]:
    """All records as text columns, `rows` at a time, by pandas' C parser (columnar: a million rows fit).

    Rows with more cells than the first record stop the C parser; the csv module then takes over
    from the first record not yet delivered (cells beyond the header are ignored either way).
    """
    delivered = 0
    try:
        with pd.read_csv(io.BytesIO(data), header=None, dtype=str, na_filter=False, keep_default_na=False,
                         skip_blank_lines=False, encoding=encoding, encoding_errors="strict",
                         chunksize=rows) as reader:
            for frame in reader:
                delivered += len(frame)
                yield frame
        return
    except pd.errors.EmptyDataError:
        return
    except pd.errors.ParserError:
        pass
    batch: list[list[str]] = []
    try:
        text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        for i, record in enumerate(csv.reader(text)):
            if i < delivered:
                continue
            batch.append(record)
            if len(batch) == rows:
                yield _padded(batch)
                batch = []
    except csv.Error as exc:
        raise ReadError(msg("bad_file", lang, err=exc)) from exc
    if batch:
        yield _padded(batch)


def _padded(records: list[list[str]]) -> pd.DataFrame:
    """Records of unequal length as a rectangular text frame."""
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=str)


def read_csv(data: bytes, lang: str = "zh", rows: int | None = None) -> list[RawTable]:
    """One table from CSV bytes (see csv_encoding), its records read `rows` (CHUNK_ROWS) at a time."""
    rows = rows or CHUNK_ROWS
    encoding = csv_encoding(data, lang)
    frames = _record_frames(data, encoding, rows, lang)
    first = next(frames, None)
    if first is None:
        return [RawTable(None, [])]
    table = _from_frame(None, first)
    if not table.header:
        return [table]
    table.rest = _body_pieces(table.header, frames, len(first))
    return [table]


def _body_pieces(header: list[str], frames: Iterator[pd.DataFrame], seen: int) -> Iterator[RawTable]:
    """Later record frames as RawTables under the first one's header, numbered on from `seen` records."""
    width = len(header)
    for frame in frames:
        body = frame.iloc[:, :width]
        body.columns = range(body.shape[1])
        for col in range(body.shape[1], width):  # a ragged piece narrower than the header
            body[col] = ""
        numbers = np.arange(seen + 1, seen + len(body) + 1, dtype=np.int64)
        seen += len(body)
        body, numbers = _without_blank(body, numbers)
        yield RawTable(None, header, body, numbers)


def _without_blank(body: pd.DataFrame, numbers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Drop records whose cells are all blank, keeping the others' row numbers."""
    if not len(body.columns):
        return body, numbers
    if len(body.columns) > len(body):
        # a wide, short table (a hostile file with 100,000 columns): one join per row, not one pandas
        # operation per column; a row is blank when all its cells together are only spaces
        cells = body.to_numpy(dtype=object, na_value="")
        blank = np.array([not "".join(r).strip() for r in cells], dtype=bool)
    else:
        blank = np.ones(len(body), dtype=bool)
        for col in body.columns:
            blank &= (body[col].fillna("").str.strip() == "").to_numpy()
    if blank.any():
        return body.loc[~blank].reset_index(drop=True), numbers[~blank]
    return body, numbers


def _from_frame(sheet: str | None, frame: pd.DataFrame) -> RawTable:
    """Header from the first record; blank records dropped, every record keeping its row number."""
    if frame.empty:
        return RawTable(sheet, [])
    header = [str(h).strip() for h in frame.iloc[0].fillna("").tolist()]
    while header and header[-1] == "":
        header.pop()
    body = frame.iloc[1:, : len(header)].reset_index(drop=True)
    body.columns = range(len(header))
    body, numbers = _without_blank(body, np.arange(2, len(body) + 2, dtype=np.int64))
    return RawTable(sheet, header, body, numbers)


def read_xlsx(data: bytes, lang: str = "zh") -> list[RawTable]:
    """One table per worksheet; refuses zip bombs before openpyxl expands anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise ReadError(msg("bad_file", lang, err="not an XLSX workbook")) from exc
    if unpacked > max_xlsx_unpacked_bytes():
        raise ReadError(msg("too_large", lang, size=unpacked, limit=max_xlsx_unpacked_bytes()))
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ReadError(msg("bad_file", lang, err=type(exc).__name__)) from exc
    tables = []
    try:
        for ws in wb.worksheets:
            records = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            tables.append(_table(ws.title, records))
    except Exception as exc:
        raise ReadError(msg("bad_file", lang, err=type(exc).__name__)) from exc
    finally:
        wb.close()
    return tables


def _table(sheet: str | None, records: list[list[str]]) -> RawTable:
    """A table from records (XLSX rows, ragged CSV): pad short rows, then as _from_frame."""
    if len(records) > max_rows() + 1:
        raise ReadError(msg("too_many_rows", rows=len(records) - 1, limit=max_rows()))
    if not records:
        return RawTable(sheet, [])
    return _from_frame(sheet, _padded(records))


def read_file(data: bytes, file_name: str, lang: str = "zh") -> list[RawTable]:
    """Tables from a CSV or XLSX file (chosen by content, not only the name)."""
    if len(data) > max_file_bytes():
        raise ReadError(msg("too_large", lang, size=len(data), limit=max_file_bytes()))
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, lang)
    # a CSV record takes at least one line: refuse an oversized file before parsing it
    lines = data.count(b"\n")
    if lines > max_rows() + 1:
        raise ReadError(msg("too_many_rows", lang, rows=lines, limit=max_rows()))
    return read_csv(data, lang)
