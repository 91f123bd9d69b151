"""XLSX/XLSM: openpyxl's streaming sheet parser (the one its read-only mode uses), one pass that never
trusts the sheet's <dimension> and keeps only the cells present, so a stray cell at XFD1048576 costs
nothing; merged ranges come from a scan of the sheet XML before it; a formula without a cached value is
marked (FORMULA_WITHOUT_VALUE), hidden rows and columns are counted.
"""
from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator

from ..i18n import msg
from .common import (
    FORMULA_WITHOUT_VALUE,
    MAX_COLUMNS,
    MAX_SHEET_ROWS,
    Cells,
    ReadError,
    Sheet,
    _hidden_notice,
    cell_text,
    max_rows,
    max_xlsx_unpacked_bytes,
)
from .xmlscan import scan_xml_parts

# ---------------------------------------------------------------- XLSX

def _quiet_openpyxl() -> None:
    """Issue 23: openpyxl's own words never reach a user. Its UserWarnings (data-validation extensions, no
    default style, dates out of range: the server's install path included) say nothing a town can act on,
    and its style list prints "N is out of range" to standard output before raising IndexError (which the
    reader then reports as a damaged file). Both are silenced for openpyxl alone, once per process."""
    from openpyxl.styles.cell_style import CellStyleList

    warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")

    def item(self, idx):  # noqa: ANN001, ANN202 - openpyxl's signature
        return self.xf[idx]

    CellStyleList.__getitem__ = item


def read_xlsx(data: bytes, lang: str = "zh") -> list[Sheet]:
    """One Sheet per worksheet, streamed; refuses zip bombs before openpyxl expands anything."""
    import openpyxl

    _quiet_openpyxl()

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise ReadError(msg("damaged_file", lang, err="zip")) from exc
    if unpacked > max_xlsx_unpacked_bytes():
        raise ReadError(msg("too_large", lang, size=unpacked, limit=max_xlsx_unpacked_bytes()))
    try:
        # issue 28.4: every XML part held to what a spreadsheet holds before openpyxl parses one
        scanned = scan_xml_parts(zipfile.ZipFile(io.BytesIO(data)), lang)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = []
        for ws in wb.worksheets:
            sheet = Sheet(ws.title, "xlsx", hidden=ws.sheet_state != "visible")
            scan = scanned.get(ws._worksheet_path.lstrip("/"))
            sheet.merged = _xlsx_merges(scan.merges if scan is not None else [])
            sheet.rows = _xlsx_rows(wb, ws, sheet, lang)
            sheets.append(sheet)
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise ReadError(msg("damaged_file", lang, err=type(exc).__name__)) from exc
    return sheets




def _xlsx_merges(found: list[bytes]) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet, found by the scan of its XML before the rows are read (Excel writes
    them after the rows; a streaming reader would learn them too late to fill merged cells down)."""
    from openpyxl.utils.cell import range_boundaries

    merges = set()
    for ref in found:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        if max_col > MAX_COLUMNS or max_row > MAX_SHEET_ROWS:
            continue
        merges.add((min_row, min_col - 1, max_row, max_col - 1))
    return sorted(merges)


def _xlsx_parser_class():  # noqa: ANN202 - a class made once openpyxl is imported
    """openpyxl's sheet parser, marking formula cells that hold no cached value."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class FormulaAwareParser(WorkSheetParser):
        def parse_cell(self, element):  # noqa: ANN001, ANN202 - openpyxl's signature
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = FORMULA_WITHOUT_VALUE
            return cell

    return FormulaAwareParser


def _xlsx_rows(wb, ws, sheet: Sheet, lang: str) -> Iterator[tuple[int, Cells]]:  # noqa: ANN001 - openpyxl objects
    """The rows of one worksheet that hold a value, as they stream from its XML; the <dimension> is not
    trusted (a stale one would cut rows off, a huge one would pad every row)."""
    parser_class = _xlsx_parser_class()
    count = 0
    try:
        with ws._get_source() as src:
            parser = parser_class(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                  date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
            for number, cells in parser.parse():
                row = []
                for c in cells:
                    v = c["value"]
                    if v is None or c["column"] > MAX_COLUMNS:
                        continue
                    text = v if type(v) is str else cell_text(v)  # most cells are text: no call
                    if text != "":
                        row.append((c["column"] - 1, text))
                if not row:
                    continue
                count += 1
                if count > max_rows() + 1 or number > MAX_SHEET_ROWS:
                    raise ReadError(msg("too_many_rows", lang, rows=f"{count:,}+", limit=max_rows()))
                yield number, row
            hidden_rows = sorted(int(float(r)) for r, attrs in parser.row_dimensions.items()
                                 if str(attrs.get("hidden", "")).lower() in ("1", "true"))
            hidden_cols: list[int] = []
            for attrs in parser.column_dimensions.values():
                if str(attrs.get("hidden", "")).lower() in ("1", "true"):
                    lo, hi = int(attrs.get("min", 0)), int(attrs.get("max", 0))
                    hidden_cols += range(lo - 1, min(hi, MAX_COLUMNS))
    except ReadError:
        raise
    except Exception as exc:  # a damaged sheet part-way through
        raise ReadError(msg("damaged_file", lang, err=type(exc).__name__)) from exc
    _hidden_notice(sheet, hidden_rows, hidden_cols)
