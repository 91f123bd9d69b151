"""Read the files towns send — XLSX/XLSM, XLS, ODS, CSV/TSV, and HTML tables saved as ".xls" — by
content, not by name, into sheets of text cells that keep the sheet's own row numbers.

One module per format, as kinds/ is one per kind (README, "Dependencies", says why each library):

- sniff.py: what a file is, by its content, and `read_file`, the one way in;
- xlsx.py: XLSX/XLSM, openpyxl's streaming sheet parser, one pass that never trusts <dimension>;
- xmlscan.py: the memory an XML part may cost, bounded by a scan of its bytes before any parser;
- xls.py: XLS (Excel 97–2003), xlrd with formatting information;
- ods.py: ODS and flat ODS, a streaming parse of content.xml;
- text.py: CSV/TSV (Arrow, pandas' C parser, the csv module; the encoding by strict trial) and HTML tables;
- common.py: the limits, a source (bytes or a path) read in blocks, Sheet, Notice, Reading, RawTable, and
  the filling-down of vertically merged cells.

A layout step (unionboard.layout) then finds the header, title rows, totals and footers and turns a
Sheet into RawTable pieces for validation. This package exports the names the rest of unionboard, the
tests and the benchmark use; the sizes CHUNK_ROWS, ARROW_BLOCK_BYTES and MAX_ROW_TAGS are read from here
when used (common.tunable), so setting one on the package reaches every reader.
"""
from __future__ import annotations

from .common import (
    CHUNK_ROWS,
    FORMULA_WITHOUT_VALUE,
    Cells,
    Notice,
    RawTable,
    ReadError,
    Reading,
    Sheet,
    Source,
    filled_down,
    max_file_bytes,
    source_digest,
)
from .sniff import read_file
from .text import ARROW_BLOCK_BYTES, text_lines
from .xmlscan import MAX_ROW_TAGS, XmlBudget

__all__ = ["ARROW_BLOCK_BYTES", "CHUNK_ROWS", "FORMULA_WITHOUT_VALUE", "MAX_ROW_TAGS", "Cells", "Notice", "RawTable",
           "ReadError", "Reading", "Sheet", "Source", "XmlBudget", "filled_down", "max_file_bytes", "read_file",
           "source_digest", "text_lines"]
