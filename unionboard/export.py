"""Write a view as CSV (UTF-8 with BOM) or XLSX, keeping text cells text (CSV injection)."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
from openpyxl.styles import Font

# A text cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guard(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_text(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be run as formulas (numbers are left alone)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_guard)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV a download or `export` gives: UTF-8 with BOM so that Excel shows Chinese."""
    return safe_text(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook, one sheet per table; text written as text, never as a formula."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, df in sheets.items():
        ws = wb.create_sheet(title[:31])
        ws.append([str(c) for c in df.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in df.itertuples(index=False):
            ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
        ws.freeze_panes = "A2"
        for i, col in enumerate(df.columns, start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(10, min(40, len(str(col)) * 2 + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
