"""ODS and flat ODS (FODS): a streaming parse of content.xml (the standard library's iterparse), repeated
and spanned cells without materialising empty repeats.
"""
from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import iterparse

from ..i18n import msg
from .common import (
    FORMULA_WITHOUT_VALUE,
    MAX_COLUMNS,
    MAX_SHEET_ROWS,
    REPEAT_COLUMNS,
    Cells,
    ReadError,
    Sheet,
    _hidden_notice,
    cell_text,
    max_cells,
    max_rows,
    max_xlsx_unpacked_bytes,
)
from .xmlscan import scan_xml_part

# ---------------------------------------------------------------- ODS

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def read_ods(data: bytes, lang: str = "zh") -> list[Sheet]:
    """One Sheet per table of an OpenDocument spreadsheet, each streamed from content.xml."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if zf.getinfo("content.xml").file_size > max_xlsx_unpacked_bytes():
            raise ReadError(msg("too_large", lang, size=zf.getinfo("content.xml").file_size,
                                limit=max_xlsx_unpacked_bytes()))
        # issue 28.4: content.xml held to what a spreadsheet holds before it is parsed (all its tables are
        # in that one part: up to ODS_PART_ROWS row elements in all, LibreOffice writing empty rows as one)
        scan_xml_part(zf, "content.xml", lang, rows_limit=ODS_PART_ROWS)
        tables = _ods_tables(zf)
    except ReadError:
        raise
    except Exception as exc:  # a damaged package or XML
        raise ReadError(msg("damaged_file", lang, err=type(exc).__name__)) from exc
    sheets = []
    for index, (name, hidden) in enumerate(tables):
        sheet = Sheet(name, "ods", hidden=hidden)
        sheet.rows = _ods_rows(zf, index, sheet, lang)  # finds the merged ranges as it reads (sheet.merged)
        sheets.append(sheet)
    return sheets


ODS_PART_ROWS = 4 * MAX_SHEET_ROWS  # row elements of all the tables of one document (issue 28.4)
def read_fods(data: bytes, lang: str = "zh") -> list[Sheet]:
    """A flat ODS (.fods, issue 23): the one XML document holds what an ODS package's content.xml does (its
    body, automatic styles and namespaces), so it is read by the same streaming reader, as that part."""
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", data)
    return read_ods(package.getvalue(), lang)


_ODS_TABLE = re.compile(rb"<table:table\s([^>]*)>")
_ODS_STYLE = re.compile(rb"<style:style\s([^>]*)>(.*?)</style:style>", re.S)


def _ods_attr(attrs: bytes, name: bytes) -> str | None:
    m = re.search(rb"\b" + re.escape(name) + rb'="([^"]*)"', attrs)
    return html.unescape(m.group(1).decode("utf-8")) if m else None


def _ods_tables(zf: zipfile.ZipFile) -> list[tuple[str, bool]]:
    """(name, hidden) of each table, by a scan of content.xml's bytes (a full XML parse per sheet
    follows anyway); the conventional `table:` and `style:` prefixes are checked against the document's
    own declarations, else the document is parsed."""
    tables: list[tuple[str, bool]] = []
    hidden_styles: set[str] = set()
    with zf.open("content.xml") as src:
        head = src.read(1 << 16)
        if b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"' not in head or \
                b'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"' not in head:
            return _ods_tables_parsed(zf)
        tail, in_body = head, False
        while True:
            if not in_body:
                body_at = tail.find(b"<office:body")
                styles = tail if body_at < 0 else tail[:body_at]
                for m in _ODS_STYLE.finditer(styles):
                    if b'table:display="false"' in m.group(2) and (style := _ods_attr(m.group(1), b"style:name")):
                        hidden_styles.add(style)
                if body_at >= 0:
                    in_body, tail = True, tail[body_at:]
            if in_body:
                for m in _ODS_TABLE.finditer(tail):
                    name = _ods_attr(m.group(1), b"table:name") or f"Sheet{len(tables) + 1}"
                    tables.append((name, _ods_attr(m.group(1), b"table:style-name") in hidden_styles))
                cut = tail.rfind(b"<")
                tail = tail[cut:] if cut >= 0 and b">" not in tail[cut:] else b""
            chunk = src.read(1 << 20)
            if not chunk:
                break
            tail += chunk
    return tables


def _ods_tables_parsed(zf: zipfile.ZipFile) -> list[tuple[str, bool]]:
    """_ods_tables for a document with unusual namespace prefixes: a full parse."""
    hidden_styles: set[str] = set()
    tables: list[tuple[str, bool]] = []
    with zf.open("content.xml") as src:
        for event, el in iterparse(src, events=("start", "end")):
            if event == "start" and el.tag == f"{_T}table":
                tables.append((el.get(f"{_T}name", f"Sheet{len(tables) + 1}"), el.get(f"{_T}style-name") in hidden_styles))
            elif event == "end" and el.tag == f"{_S}style":
                if any(c.tag == f"{_S}table-properties" and c.get(f"{_T}display") == "false" for c in el):
                    hidden_styles.add(el.get(f"{_S}name", ""))
            if event == "end" and el.tag in (f"{_T}table-row", f"{_T}table"):
                el.clear()
    return tables


def _ods_text(el) -> str:  # noqa: ANN001 - an Element
    """A cell's text: its paragraphs joined by line breaks (text:s counts as its spaces)."""
    paragraphs = el.findall(f"{_X}p")  # the cell's own paragraphs, not those of a comment (office:annotation)
    if len(paragraphs) == 1 and not len(paragraphs[0]):  # the common case: one plain paragraph
        return paragraphs[0].text or ""
    parts = []
    for p in paragraphs:
        bits = []
        for node in p.iter():
            if node is not p and node.tag == f"{_X}s":
                bits.append(" " * int(node.get(f"{_X}c", "1")))
            elif node is not p and node.tag == f"{_X}line-break":
                bits.append("\n")
            elif node.text and (node is p or node.tag != f"{_X}s"):
                bits.append(node.text)
            if node is not p and node.tail:
                bits.append(node.tail)
        parts.append("".join(bits))
    return "\n".join(parts)


def _ods_value(el) -> str:  # noqa: ANN001 - an Element
    """A table cell's value as text: the typed office value where there is one, else its text."""
    kind = el.get(f"{_O}value-type")
    if kind is None:
        if el.get(f"{_T}formula") is not None:
            return FORMULA_WITHOUT_VALUE
        return _ods_text(el)
    if kind in ("float", "percentage", "currency"):
        raw = el.get(f"{_O}value", "")
        try:
            return cell_text(float(raw))
        except ValueError:
            return raw
    if kind == "date":
        raw = el.get(f"{_O}date-value", "")
        return raw[:10] if raw.endswith("T00:00:00") or len(raw) == 10 else raw.replace("T", " ")
    if kind == "boolean":
        return el.get(f"{_O}boolean-value", "")
    if kind == "time":
        return el.get(f"{_O}time-value", "")
    return _ods_text(el)


def _ods_rows(zf: zipfile.ZipFile, index: int, sheet: Sheet, lang: str) -> Iterator[tuple[int, Cells]]:
    """Stream table `index` of content.xml: its rows holding a value, each merged range added to
    sheet.merged when its first cell is read (before its row is yielded).

    Repeated rows and cells are expanded only where they hold a value (LibreOffice writes a million
    empty rows as one repeated row); columns and rows beyond Excel's limits are ignored.
    """
    merges = sheet.merged

    def rows() -> Iterator[tuple[int, Cells]]:
        table = -1
        row_no = 0
        count = 0
        hidden_rows: list[int] = []
        hidden_cols: list[int] = []
        col_no = 0
        expanded = 0
        try:
            with zf.open("content.xml") as src:
                for event, el in iterparse(src, events=("start", "end")):
                    tag = el.tag
                    if event == "start":
                        if tag == f"{_T}table":
                            table += 1
                        continue
                    if table != index:
                        if tag in (f"{_T}table-row", f"{_T}table"):
                            el.clear()
                        if table > index:
                            break
                        continue
                    if tag == f"{_T}table-column":
                        repeat = min(int(el.get(f"{_T}number-columns-repeated", "1")), MAX_COLUMNS)
                        if el.get(f"{_T}visibility", "visible") != "visible":
                            hidden_cols += range(col_no, min(col_no + repeat, MAX_COLUMNS))
                        col_no += repeat
                    elif tag == f"{_T}table-row":
                        repeat = int(el.get(f"{_T}number-rows-repeated", "1"))
                        cells: Cells = []
                        col = 0
                        for cell in el:
                            if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                                continue
                            span = int(cell.get(f"{_T}number-columns-repeated", "1"))
                            if cell.tag == f"{_T}table-cell":
                                rs = int(cell.get(f"{_T}number-rows-spanned", "1"))
                                cs = int(cell.get(f"{_T}number-columns-spanned", "1"))
                                if (rs > 1 or cs > 1) and row_no < MAX_SHEET_ROWS:
                                    merges.append((row_no + 1, col, min(row_no + rs, MAX_SHEET_ROWS),
                                                   min(col + cs, MAX_COLUMNS) - 1))
                                text = _ods_value(cell)
                                if text != "":  # a value repeated across columns: as many as a table can use
                                    cells += [(c, text) for c in range(col, min(col + span, col + REPEAT_COLUMNS,
                                                                               MAX_COLUMNS))]
                            col += span
                            if col >= MAX_COLUMNS:
                                break
                        if el.get(f"{_T}visibility", "visible") != "visible" and cells:
                            hidden_rows += range(row_no + 1, row_no + 1 + repeat)
                        el.clear()
                        if cells:
                            expanded += len(cells) * repeat
                            if expanded > max_cells():  # a few bytes repeated into billions of cells
                                raise ReadError(msg("too_many_cells", lang, limit=f"{max_cells():,}"))
                            for k in range(repeat):
                                count += 1
                                if count > max_rows() + 1 or row_no + k + 1 > MAX_SHEET_ROWS:
                                    raise ReadError(msg("too_many_rows", lang, rows=f"{count:,}+", limit=max_rows()))
                                yield row_no + k + 1, cells
                        row_no += repeat
                    elif tag == f"{_T}table":
                        break
        except ReadError:
            raise
        except Exception as exc:  # damaged XML part-way through
            raise ReadError(msg("damaged_file", lang, err=type(exc).__name__)) from exc
        _hidden_notice(sheet, hidden_rows, hidden_cols)

    return rows()
