"""Read CSV (UTF-8, UTF-8 with BOM, GB18030/GBK) and XLSX files into raw text tables.

Every cell comes back as text (Excel dates as YYYY-MM-DD) together with the row number the
user sees in the file (header = row 1), so that validation can name rows exactly.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
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


@dataclass
class RawTable:
    """One sheet or CSV file: header cells, data cells as text (columns by position) and row numbers."""

    sheet: str | None
    header: list[str]
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    row_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.frame)


def decode(data: bytes, lang: str = "zh") -> str:
    """Decode CSV bytes by strict trial: UTF-8 (with or without BOM), then GB18030 (⊃ GBK).

    GB18030 is tried second because valid UTF-8 Chinese text is almost never valid GB18030
    the same way round; text that decodes only with replacement characters is refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\ufffd" in text:
            raise ReadError(msg("replacement_chars", lang))
        return text
    raise ReadError(msg("encoding", lang))


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


def _csv_frame(data: bytes, encoding: str) -> pd.DataFrame:
    """All records as text columns; pandas' C parser keeps memory columnar (a million rows fit)."""
    return pd.read_csv(io.BytesIO(data), header=None, dtype=str, na_filter=False, keep_default_na=False,
                       skip_blank_lines=False, encoding=encoding, encoding_errors="strict")


def read_csv(data: bytes, lang: str = "zh") -> list[RawTable]:
    """One table from CSV bytes, decoded by strict trial: UTF-8 (with or without BOM), then GB18030.

    GB18030 (a superset of GBK) comes second because Chinese text in valid UTF-8 is practically never
    valid GB18030 the same way round; text that decodes only with replacement characters is refused.
    """
    encodings = ["utf-8-sig"] if data.startswith(b"\xef\xbb\xbf") else ["utf-8", "gb18030"]
    frame = None
    for enc in encodings:
        try:
            frame = _csv_frame(data, enc)
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError:
            # ragged rows: the csv module takes them, at more memory
            try:
                records = list(csv.reader(io.StringIO(decode(data, lang), newline="")))
            except csv.Error as exc:
                raise ReadError(msg("bad_file", lang, err=exc)) from exc
            return [_table(None, records)]
        except pd.errors.EmptyDataError:
            return [RawTable(None, [])]
    if frame is None:
        raise ReadError(msg("encoding", lang))
    if len(frame) > max_rows() + 1:
        raise ReadError(msg("too_many_rows", lang, rows=len(frame) - 1, limit=max_rows()))
    for col in frame.columns:
        if frame[col].str.contains("\ufffd", regex=False).any():
            raise ReadError(msg("replacement_chars", lang))
    return [_from_frame(None, frame)]


def _from_frame(sheet: str | None, frame: pd.DataFrame) -> RawTable:
    """Header from the first record; blank records dropped, every record keeping its row number."""
    if frame.empty:
        return RawTable(sheet, [])
    header = [str(h).strip() for h in frame.iloc[0].tolist()]
    while header and header[-1] == "":
        header.pop()
    body = frame.iloc[1:, : len(header)].reset_index(drop=True)
    body.columns = range(len(header))
    numbers = np.arange(2, len(body) + 2, dtype=np.int64)
    if len(body.columns):
        blank = np.ones(len(body), dtype=bool)
        for col in body.columns:
            blank &= (body[col].str.strip() == "").to_numpy()
        if blank.any():
            body = body.loc[~blank].reset_index(drop=True)
            numbers = numbers[~blank]
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
    width = max(len(r) for r in records)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=str)
    return _from_frame(sheet, frame)


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
