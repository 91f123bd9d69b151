"""Write a view as CSV (UTF-8 with BOM) or XLSX, keeping text cells text (CSV injection)."""
from __future__ import annotations

import datetime as dt
import decimal
import io
import re

import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .validate import CONTROL_RE

# A text cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """Text any export can write: control characters (which an import refuses, but an old database may
    hold) become U+FFFD, where openpyxl and python-docx would raise."""
    return CONTROL_RE.sub(REPLACEMENT, value)


def _guard(value: object) -> object:
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series)


def safe_text(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be run as formulas and hold no control characters (numbers are
    left alone)."""
    out = df.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].map(_guard)
    return out


def clean_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells hold no control characters (for the Word 通报 and its charts)."""
    out = df.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].map(lambda v: clean_text(v) if isinstance(v, str) else v)
    return out


def _cell(value: object) -> object:
    """A DataFrame value as openpyxl writes it."""
    if isinstance(value, str):
        return clean_text(value)
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item") and pd.api.types.is_scalar(value):
        value = value.item()
    if isinstance(value, (int, float, bool, dt.date, dt.datetime, dt.time, decimal.Decimal)):
        return value
    return clean_text(str(value))  # anything else (a list, an interval …) as its text


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV a download or `export` gives: UTF-8 with BOM so that Excel shows Chinese."""
    return safe_text(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _sheet_title(title: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\ or control characters, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "_", clean_text(str(title))).strip("'")[:31] or "Sheet"
    name, n = base, 1
    while name.lower() in (t.lower() for t in taken):
        n += 1
        name = f"{base[:31 - len(str(n)) - 1]}_{n}"
    return name


EXCEL_ROWS = 1_048_576  # rows of one Excel sheet, header included


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook, one sheet per table; text written as text, never as a formula (so an
    all-digit 统一社会信用代码 stays 18 digits, not 9.13E+17).

    Written in openpyxl's write-only (streaming) mode: memory stays flat for a list of hundreds of
    thousands of units. A table longer than a sheet holds continues on further sheets ("…_2").
    """
    wb = openpyxl.Workbook(write_only=True)
    for title, df in sheets.items():
        per_sheet = EXCEL_ROWS - 1
        for start in range(0, max(len(df), 1), per_sheet):
            name = title if start == 0 else f"{str(title)[:28]}_{start // per_sheet + 1}"
            _write_sheet(wb, _sheet_title(name, wb.sheetnames), df.iloc[start:start + per_sheet])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _write_sheet(wb: openpyxl.Workbook, title: str, df: pd.DataFrame) -> None:
    """One sheet: a bold, frozen header row and the rows, text cells typed as text."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, col in enumerate(df.columns, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(10, min(40, len(str(col)) * 2 + 2))
    header = []
    for col in df.columns:
        cell = WriteOnlyCell(ws, value=clean_text(str(col)))
        cell.font = Font(bold=True)
        cell.data_type = "s"
        header.append(cell)
    ws.append(header)
    for row in df.itertuples(index=False):
        values = []
        for v in row:
            v = _cell(v)
            if isinstance(v, str):
                v = WriteOnlyCell(ws, value=v)
                v.data_type = "s"  # never a formula, whatever the text starts with
            values.append(v)
        ws.append(values)
