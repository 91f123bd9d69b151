"""XLS (Excel 97–2003, at most 65,536 rows): xlrd with formatting information (merges, hidden rows,
columns and sheets).
"""
from __future__ import annotations

import io
from collections.abc import Iterator

from ..i18n import msg
from .common import Cells, ReadError, Sheet, _hidden_notice, cell_text

# ---------------------------------------------------------------- XLS

def read_xls(data: bytes, lang: str = "zh") -> list[Sheet]:
    """One Sheet per worksheet of an Excel 97–2003 workbook (xlrd), or a refusal saying what the file is."""
    import xlrd

    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:1 << 20]:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_encrypted", lang)))
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data[:1 << 20]:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_doc", lang)))
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError(msg("not_spreadsheet", lang, what=msg("what_encrypted", lang))) from exc
        raise ReadError(msg("bad_xls", lang)) from exc
    except Exception as exc:  # xlrd raises many types for a damaged file
        raise ReadError(msg("bad_xls", lang)) from exc
    sheets = []
    for s in book.sheets():
        sheet = Sheet(s.name, "xls", hidden=s.visibility != 0)
        sheet.merged = sorted((rlo + 1, clo, rhi, chi - 1) for rlo, rhi, clo, chi in s.merged_cells)
        sheet.rows = _xls_rows(book, s, sheet)
        sheets.append(sheet)
    return sheets


def _xls_rows(book, s, sheet: Sheet) -> Iterator[tuple[int, Cells]]:  # noqa: ANN001 - xlrd objects
    """The rows of one XLS sheet that hold a value."""
    import xlrd

    for r in range(s.nrows):
        row = []
        for c, cell in enumerate(s.row(r)):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    text = cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
                except (ValueError, OverflowError):
                    text = cell_text(cell.value)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                text = cell_text(bool(cell.value))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(cell.value, "#ERR")
            else:
                text = cell_text(cell.value)
            if text != "":
                row.append((c, text))
        if row:
            yield r + 1, row
    hidden_rows = sorted(r + 1 for r, info in s.rowinfo_map.items() if info.hidden)
    hidden_cols = sorted(c for c, info in s.colinfo_map.items() if info.hidden)
    _hidden_notice(sheet, hidden_rows, hidden_cols)
