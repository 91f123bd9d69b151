"""Read the files towns send — XLSX/XLSM, XLS, ODS, CSV/TSV, and HTML tables saved as ".xls" — by
content, not by name, into sheets of text cells that keep the sheet's own row numbers.

What is read where, and why (README, "Dependencies"):

- XLSX/XLSM: openpyxl's streaming sheet parser (the one its read-only mode uses), one pass that never
  trusts the sheet's <dimension> and keeps only the cells present, so a stray cell at XFD1048576
  costs nothing; merged ranges come from a scan of the sheet XML before it; a formula without a
  cached value is marked (FORMULA_WITHOUT_VALUE), hidden rows and columns are counted.
- XLS (Excel 97–2003, at most 65,536 rows): xlrd with formatting information (merges, hidden rows,
  columns and sheets).
- ODS: a streaming parse of content.xml (the standard library's iterparse): repeated and spanned
  cells without materialising empty repeats.
- HTML tables (web systems' "Excel" exports): the standard library's HTML parser, rowspan/colspan
  as merged ranges.
- CSV/TSV: Arrow's CSV reader for UTF-8, pandas' C parser for other encodings, a piece at a time, from
  the bytes or straight from the disk (a 10-million-record roster is never held whole); the encoding by
  strict trial; the csv module from the first record of another length.

A layout step (unionboard.layout) then finds the header, title rows, totals and footers and turns a
Sheet into RawTable pieces for validation.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import heapq
import html
import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import iterparse

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

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
        rows = rows or CHUNK_ROWS
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


# ---------------------------------------------------------------- what the file is

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_file(data: Source, file_name: str, lang: str = "zh") -> list[Sheet]:
    """The sheets of a file, by what its bytes are; a name that says otherwise gets a notice."""
    size = source_size(data)
    if size > max_file_bytes():
        raise ReadError(msg("too_large", lang, size=size, limit=max_file_bytes()))
    if not size:
        raise ReadError(msg("file_empty", lang))
    ext = os.path.splitext(file_name.lower())[1]
    fmt, sheets = _read_by_content(data, lang)
    named = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".et": "xls", ".ods": "ods", ".fods": "ods", ".csv": "csv",
             ".tsv": "csv", ".txt": "csv", ".htm": "html", ".html": "html"}.get(ext)
    if named is not None and named != fmt and sheets:
        sheets[0].notices.insert(0, Notice(sheets[0].name, None, None, "read_as", {"ext": ext, "fmt": fmt}))
    return sheets


def _read_by_content(data: Source, lang: str) -> tuple[str, list[Sheet]]:
    """(format, sheets) from the file's first bytes."""
    first = source_head(data, 65536)
    if first[:4] == b"PK\x03\x04":
        return _read_zip(source_bytes(data), lang)
    if first[:8] == OLE2:
        return "xls", read_xls(source_bytes(data), lang)
    old_format = _old_spreadsheet(first)  # issue 23: named by what they are, not as a text encoding
    if old_format == "biff":  # Excel 2.1–4.0: xlrd reads their worksheets
        return "xls", read_xls(source_bytes(data), lang)
    if old_format is not None:
        raise ReadError(msg("not_spreadsheet", lang, what=msg(f"what_{old_format}", lang)))
    for magic, what in ((b"%PDF", "pdf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"),
                        (b"{\\rtf", "rtf"), (b"Rar!", "archive"), (b"7z\xbc\xaf", "archive"), (b"\x1f\x8b", "archive")):
        if first.startswith(magic):
            raise ReadError(msg("not_spreadsheet", lang, what=msg(f"what_{what}", lang)))
    text, encoding = _decoded_head(first, lang)
    head = text.lstrip("\ufeff \t\r\n").lower()
    if head.startswith("mime-version") or "multipart/related" in head[:2000]:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_mht", lang)))
    if head.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in head[:4000]:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_xml2003", lang)))
    if "<office:document" in head[:4000] and "application/vnd.oasis.opendocument.spreadsheet" in head[:4000]:
        return "ods", read_fods(source_bytes(data), lang)  # issue 23: a flat ODS (.fods), one XML document
    if head.startswith("<") and ("<table" in head or "<html" in head[:2000]):
        return "html", read_html(source_bytes(data), lang)
    if head.startswith("<?xml") or head.startswith("<"):
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_xml", lang)))
    if not head.strip():
        raise ReadError(msg("file_blank", lang))
    return "csv", read_csv(data, lang, encoding=encoding)


def _read_zip(data: bytes, lang: str) -> tuple[str, list[Sheet]]:
    """An OOXML or OpenDocument package, or some other ZIP archive (said so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist())
            if unpacked > max_xlsx_unpacked_bytes():  # a zip bomb: refused before anything expands it
                raise ReadError(msg("too_large", lang, size=unpacked, limit=max_xlsx_unpacked_bytes()))
            mimetype = ""
            if "mimetype" in names:
                with zf.open("mimetype") as part:
                    mimetype = part.read(100).decode("ascii", "replace")
        kind = _package_kind(data, names, mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zipfile.LargeZipFile) as exc:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_broken_zip", lang))) from exc
    if kind == "xlsx":
        return "xlsx", read_xlsx(data, lang)
    if kind == "ods":
        return "ods", read_ods(data, lang)
    raise ReadError(msg("not_spreadsheet", lang, what=msg(f"what_{kind}", lang)))


# the main part of a workbook by its content type (issue 23: a package is recognised by what it declares,
# not by fixed part names; openpyxl follows the relationships from there)
_WORKBOOK_TYPE = re.compile(rb"spreadsheetml\.(?:sheet|template)\.main\+xml|ms-excel\.(?:sheet|template)\."
                            rb"macroEnabled\.main\+xml")
_SMALL_PART = 4 << 20  # [Content_Types].xml, _rels/.rels, a manifest: read whole only when this small


def _small_part(zf: zipfile.ZipFile, names: set[str], name: str) -> bytes:
    """A small bookkeeping part of a package ("" when absent or not small)."""
    if name not in names or zf.getinfo(name).file_size > _SMALL_PART:
        return b""
    return zf.read(name)


def _package_kind(data: bytes, names: set[str], mimetype: str) -> str:
    """What a ZIP package is: "xlsx", "ods", or the `what_` key of a refusal (xlsb, strict, encrypted, docx, …)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = _small_part(zf, names, "[Content_Types].xml")
        rels = _small_part(zf, names, "_rels/.rels")
        manifest = _small_part(zf, names, "META-INF/manifest.xml")
    if b"sheet.binary.macroEnabled.main" in types or "xl/workbook.bin" in names:
        return "xlsb"
    spreadsheet = bool(_WORKBOOK_TYPE.search(types)) or "xl/workbook.xml" in names or \
        any(n.startswith("xl/") for n in names)
    if spreadsheet and b"purl.oclc.org/ooxml/officeDocument/relationships" in rels:
        return "strict"  # Excel's "Strict Open XML": other namespaces, which openpyxl does not know
    if spreadsheet:
        return "xlsx"
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet") or \
            (not mimetype and "content.xml" in names):
        return "encrypted" if b"encryption-data" in manifest else "ods"
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "ppt/presentation.xml" in names or b"presentationml.presentation.main" in types:
        return "pptx"
    return "odf" if mimetype.startswith("application/vnd.oasis") else "archive"


def _old_spreadsheet(first: bytes) -> str | None:
    """Spreadsheets older than the formats read, by their first bytes: "biff" (Excel 2.1–4.0, which xlrd
    reads), "lotus", "quattro", "dbase"; None for anything else."""
    if first[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04") and 4 <= int.from_bytes(first[2:4], "little") <= 16:
        return "biff"  # a BOF record of BIFF2, 3 or 4
    if first[:4] == b"\x00\x00\x02\x00" and first[4:6] in (b"\x20\x51", b"\x21\x51", b"\x22\x51"):
        return "quattro"  # WQ1, WB1, WB2: Lotus' record layout with Quattro's version
    if first[:4] == b"\x00\x00\x02\x00" and first[4:6] in (b"\x04\x04", b"\x05\x04", b"\x06\x04"):
        return "lotus"    # WKS, WK1
    if first[:4] == b"\x00\x00\x1a\x00" and first[6:8] == b"\x04\x00":
        return "lotus"    # WK3, WK4, 123
    if len(first) >= 33 and first[0] in (0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x43, 0x63, 0x83, 0x8B, 0x8E, 0xCB,
                                         0xF5, 0xFB) and 1 <= first[2] <= 12 and 1 <= first[3] <= 31:
        header, record = int.from_bytes(first[8:10], "little"), int.from_bytes(first[10:12], "little")
        if 33 <= header <= len(first) and record > 0 and first[header - 1] == 0x0D:
            return "dbase"  # a dBase header: version, last update, header and record lengths, 0x0D at its end
    return None


# ---------------------------------------------------------------- CSV / TSV

def csv_encoding(data: Source, lang: str = "zh") -> str:
    """The encoding of text bytes, by strict trial: UTF-8 (with or without BOM), then GB18030; UTF-16
    only with its BOM (Excel's "Unicode text").

    Decoded incrementally in 8 MB steps, so a large file is never held twice as text. Text that
    decodes only with replacement characters (U+FFFD) is refused.
    """
    first = source_head(data, 4)
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig"] if first.startswith(codecs.BOM_UTF8) else ["utf-8", "gb18030"]
    for enc in candidates:
        decoder = codecs.getincrementaldecoder(enc)("strict")
        try:
            for block in source_blocks(data):
                if "\ufffd" in decoder.decode(block):
                    raise ReadError(msg("replacement_chars", lang))
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return enc
    raise ReadError(msg("encoding", lang))


def _decoded_head(data: bytes, lang: str) -> tuple[str, str | None]:
    """The first 64 KB as text (for sniffing) and the whole file's encoding when it is text (else None:
    an HTML page names its own charset)."""
    head = data[:65536]
    for enc in ("utf-16",) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8", "gb18030"):
        try:
            return codecs.getincrementaldecoder(enc)("strict").decode(head), None
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1"), None


def text_lines(data: Source, step: int = _BLOCK) -> int:
    """Lines in text bytes, whatever the line ends: LF, CRLF or a lone CR (old Mac files); read in
    blocks of `step` bytes."""
    lines, cr_before = 0, False
    for block in source_blocks(data, step):
        b = bytes(block) if isinstance(block, memoryview) else block
        lines += b.count(b"\n") + b.count(b"\r") - b.count(b"\r\n")
        if cr_before and b[:1] == b"\n":  # a CRLF split between two blocks was counted twice
            lines -= 1
        cr_before = b[-1:] == b"\r"
    return lines


def _delimiter(sample: str) -> str:
    """Tab for TSV (Excel's "text (tab delimited)" and many web exports), else comma: whichever the
    first lines hold more of."""
    lines = sample.splitlines()[:20]
    tabs = max((line.count("\t") for line in lines), default=0)
    commas = max((line.count(",") for line in lines), default=0)
    return "\t" if tabs > commas else ","


def _record_frames(data: Source, encoding: str, rows: int, lang: str, sep: str) -> Iterator[pd.DataFrame]:
    """All records as text columns, `rows` at a time: UTF-8 by Arrow's CSV reader (columnar, one
    thread: see ARROW_BLOCK_BYTES), other encodings by pandas' C parser.

    Either stops at a record with more cells than the first (Arrow also at one with fewer); the
    csv module then takes over from the first record not yet delivered (pandas from the start when
    Arrow stopped before delivering any).
    """
    delivered = 0
    if encoding in ("utf-8", "utf-8-sig"):
        try:
            for frame in _arrow_frames(data, rows, sep):
                delivered += len(frame)
                yield frame
            return
        except pa.ArrowInvalid:
            pass
    if not delivered:
        try:
            with source_open(data) as stream, pd.read_csv(
                    stream, header=None, dtype=str, na_filter=False, keep_default_na=False, skip_blank_lines=False,
                    encoding=encoding, encoding_errors="strict", sep=sep, chunksize=rows) as reader:
                for frame in reader:
                    delivered += len(frame)
                    yield frame
            return
        except pd.errors.EmptyDataError:
            return
        except pd.errors.ParserError:
            pass
    batch: list[list[str]] = []
    line = before = 0  # the line the last record ended on (the next one starts after it), and the one before
    last: list[str] = []
    try:
        with io.TextIOWrapper(source_open(data), encoding=encoding, newline="") as text:
            reader = csv.reader(text, delimiter=sep)
            for i, record in enumerate(reader):
                before, line, last = line, reader.line_num, record
                if i < delivered:
                    continue
                batch.append(record)
                if len(batch) == rows:
                    yield padded(batch)
                    batch = []
    except csv.Error as exc:  # issue 23: said in the catalog's words, with where it starts
        if "field larger than field limit" in str(exc):  # no cell is that long: a quote never closed
            raise ReadError(msg("csv_unclosed_quote", lang, line=line + 1, start=_line_start(data, encoding, line + 1))
                            ) from exc
        raise ReadError(msg("csv_malformed", lang, line=line + 1)) from exc
    if any("\n" in f or "\r" in f for f in last):  # the last record spans lines: is its quote ever closed?
        opened = unclosed_quote(_text_from_line(data, encoding, before + 1), sep, whole=True)
        if opened is not None:
            raise ReadError(msg("csv_unclosed_quote", lang, line=before + opened[0], start=opened[1]))
    if batch:
        yield padded(batch)


QUOTE_SCAN_BYTES = 1 << 20  # the head of a CSV checked for a quote never closed (csv's field limit beyond it)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def unclosed_quote(head: str, sep: str, whole: bool) -> tuple[int, str] | None:
    """(line, its first characters) where a quoted field opens that never closes: in the whole text, or, in
    the head of a longer file, one running past csv's field limit (131,072 characters; a cell holds at most
    32,767). None when the quotes pair up (or the text is malformed otherwise: the readers say so)."""
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=sep, strict=True)
    line = 0
    try:
        for _ in reader:
            line = reader.line_num
    except csv.Error as exc:
        text = str(exc)
        if "field larger than field limit" in text or (whole and "unexpected end of data" in text):
            lines = _LINE_BREAK.split(head, maxsplit=line + 1)
            return line + 1, _snippet(lines[line] if line < len(lines) else "")
    return None


def _snippet(line: str) -> str:
    """The first characters of a line, to find it by."""
    line = line.strip()
    return line if len(line) <= 20 else line[:20] + "…"


def _text_from_line(data: Source, encoding: str, number: int) -> str:
    """A text file from line `number` to its end (the last record of a file: at most csv's field limit)."""
    with io.TextIOWrapper(source_open(data), encoding=encoding, errors="replace", newline="") as text:
        return "".join(line for n, line in enumerate(text, start=1) if n >= number)


def _line_start(data: Source, encoding: str, number: int) -> str:
    """The first characters of line `number` of a text file (read up to it, a block at a time)."""
    with io.TextIOWrapper(source_open(data), encoding=encoding, errors="replace", newline="") as text:
        for n, line in enumerate(text, start=1):
            if n == number:
                return _snippet(line[:200])
    return ""


# what Arrow's CSV reader parses at a time: smaller blocks peak lower at the same speed (the city roster:
# 4 MB blocks 906 MB, 512 KB 591 MB); one thread, the same speed as two, less memory
ARROW_BLOCK_BYTES = 1 << 19
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' own text columns (what read_csv(dtype=str) gives)


def _arrow_frames(data: Source, rows: int, sep: str) -> Iterator[pd.DataFrame]:
    """UTF-8 records by pyarrow.csv, as many columns as the first record has (a UTF-8 BOM is skipped),
    every cell text ("" where empty), `rows` records a frame. Raises pa.ArrowInvalid at a record of
    another length."""
    with source_open(data) as probe:
        first = probe.read(1 << 20).decode("utf-8", "replace").lstrip("\ufeff")
    try:
        width = len(next(csv.reader(io.StringIO(first, newline=""), delimiter=sep), [])) or 1
    except csv.Error as exc:  # the first record is not CSV as Arrow reads it: the csv module says where
        raise pa.ArrowInvalid(str(exc)) from exc
    names = [f"c{i}" for i in range(width)]
    with source_open(data) as stream:
        reader = pa_csv.open_csv(
            stream,
            read_options=pa_csv.ReadOptions(column_names=names, block_size=ARROW_BLOCK_BYTES, use_threads=False),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False))
        pending: list[pa.RecordBatch] = []
        count = 0
        for batch in reader:
            pending.append(batch)
            count += batch.num_rows
            while count >= rows:
                table = pa.Table.from_batches(pending)
                yield _text_frame(table.slice(0, rows))
                rest = table.slice(rows)
                pending, count = rest.to_batches(), rest.num_rows
        if count:
            yield _text_frame(pa.Table.from_batches(pending))


def _text_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of text columns as a pandas frame of text columns, columns numbered from 0."""
    frame = table.to_pandas(types_mapper={pa.string(): _TEXT}.get, self_destruct=True)
    frame.columns = range(frame.shape[1])
    return frame


def padded(records: list[list[str]], width: int | None = None) -> pd.DataFrame:
    """Records of unequal length as a rectangular text frame (cut to `width` when given)."""
    if width is None:
        width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r[:width] + [""] * (width - len(r)) for r in records], dtype=str,
                        columns=range(width))


def read_csv(data: Source, lang: str = "zh", rows: int | None = None, encoding: str | None = None) -> list[Sheet]:
    """One sheet from CSV or TSV bytes (see csv_encoding), its records read `rows` (CHUNK_ROWS) at a time."""
    rows = rows or CHUNK_ROWS
    # a record takes at least one line: refuse an oversized file before parsing it
    lines = text_lines(data)
    if lines > max_rows() + 1:
        raise ReadError(msg("too_many_rows", lang, rows=lines, limit=max_rows()))
    encoding = encoding or csv_encoding(data, lang)
    if encoding == "utf-16":  # pandas' C parser reads byte encodings: give it UTF-8
        data, encoding = source_bytes(data).decode("utf-16").encode("utf-8"), "utf-8"
    sample = codecs.getincrementaldecoder(encoding)("replace").decode(source_head(data, 65536))
    sep = _delimiter(sample)
    # issue 23: a stray opening quote (in a title line, say) would make the rest of the file one cell
    whole = source_size(data) <= QUOTE_SCAN_BYTES
    head = codecs.getincrementaldecoder(encoding)("replace").decode(source_head(data, QUOTE_SCAN_BYTES), final=whole)
    opened = unclosed_quote(head.lstrip("\ufeff"), sep, whole)
    if opened is not None:
        raise ReadError(msg("csv_unclosed_quote", lang, line=opened[0], start=opened[1]))

    def numbered() -> Iterator[tuple[np.ndarray, pd.DataFrame]]:
        seen = 0
        for frame in _record_frames(data, encoding, rows, lang, sep):
            frame.columns = range(frame.shape[1])
            yield np.arange(seen + 1, seen + len(frame) + 1, dtype=np.int64), frame
            seen += len(frame)

    sheet = Sheet(None, "csv", frames=numbered())
    if sep == "\t":
        sheet.notices.append(Notice(None, None, None, "read_tsv"))
    return [sheet]


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


# ---- the memory an XML part may cost (issue 28, item 4)
# The XML parsers (openpyxl's, iterparse for ODS) keep a text node whole, one row's elements at a time, and
# every element outside a row until the end: a sheet of a header and 1.9 GB of spaces (a 1.9 MB upload) took
# 4 GB. Before any parser sees a part, a byte scan (constant memory) holds it to what a real spreadsheet can
# hold, so what parsing keeps stays bounded whatever the file holds (docs/decisions/23.md: the measured bound).
MAX_XML_TEXT_RUN = 1 << 20        # bytes without a "<": Excel's cell holds 32,767 characters (≤ 330 KB escaped)
MAX_ROW_TAGS = 16_384 * 8         # tags in one row: 16,384 columns × a cell's c, v, is, t… (open and close)
MAX_OUTSIDE_ROW_TAGS = 1_000_000  # tags outside rows: a sheet's merges, validations…; a part parsed whole
MAX_STRINGS_TAGS = 12_000_000     # tags of the shared strings (4 × up to 3 million distinct texts)
# a row's tag is found by its name, searched as a literal, then checked backwards
_ROW_LEAD = re.compile(rb"<(/?)(?:[\w.-]+:)?(?:table-)?")


class XmlBudget:
    """A byte scan of one XML part, fed block by block, that refuses it (ReadError) beyond what a real
    spreadsheet holds: a text or space run between tags over MAX_XML_TEXT_RUN, more rows than Excel has,
    a row of more than MAX_ROW_TAGS tags, or more tags outside the rows than `outside_limit`. Rows are
    <row> (XLSX) or <table:table-row> (ODS). Merged ranges (XLSX) are collected on the way (`merges`)."""

    def __init__(self, part: str, lang: str, outside_limit: int = MAX_OUTSIDE_ROW_TAGS,
                 rows_limit: int = MAX_SHEET_ROWS) -> None:
        self.part, self.lang, self.outside_limit, self.rows_limit = part, lang, outside_limit, rows_limit
        self.tail = b""
        self.in_row = False
        self.row_tags = self.outside_tags = self.rows = 0
        self.merges: list[bytes] = []

    def refuse(self, key: str, **params: object) -> None:
        """Stop reading: the part is beyond a real spreadsheet, said in the catalog's words."""
        raise ReadError(msg(key, self.lang, part=self.part, **params))

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Scan the next block of the part (`final`: the part ends with it). The tag that begins last in a block
        waits for the next one, so every tag is scanned whole."""
        block = self.tail + chunk
        cut = len(block) if final else block.rfind(b"<")
        if cut < 0:  # no tag starts in this block: all of it is one run of text or spaces
            if len(block) > MAX_XML_TEXT_RUN:
                self.refuse("xml_text_run", limit=MAX_XML_TEXT_RUN // (1 << 20))
            self.tail = block
            return
        region, self.tail = block[:cut], block[cut:]
        if len(self.tail) - 1 > MAX_XML_TEXT_RUN or _longest_run(region):  # the tail: "<" and what follows it
            self.refuse("xml_text_run", limit=MAX_XML_TEXT_RUN // (1 << 20))
        if b"mergeCell" in region:
            self.merges += _MERGE_RE.findall(region)
        pos = at = 0
        while (at := region.find(b"row", at) + 3) > 2:  # bytes.find: C's fast search, one call per row tag
            if region[at:at + 1] not in (b" ", b"/", b">", b"\t", b"\r", b"\n"):
                continue
            start = region.rfind(b"<", max(0, at - 67), at - 3)
            lead = _ROW_LEAD.fullmatch(region, start, at - 3) if start >= pos else None
            if lead is None:  # "row" in a text, or in another tag's name or attribute
                continue
            end = region.find(b">", at)
            end = len(region) if end < 0 else end + 1
            self._count(region.count(b"<", pos, start))
            pos = end
            if lead.group(1):  # </row>
                self.in_row = False
            else:
                self.rows += 1
                if self.rows > self.rows_limit:
                    self.refuse("xml_too_many_rows", limit=f"{self.rows_limit:,}")
                self.in_row, self.row_tags = region[end - 2:end] != b"/>", 0
        self._count(region.count(b"<", pos))

    def _count(self, tags: int) -> None:
        """Add the tags between two row events to the row or to the part outside the rows."""
        if self.in_row:
            self.row_tags += tags
            if self.row_tags > MAX_ROW_TAGS:
                self.refuse("xml_row_too_large", limit=f"{MAX_ROW_TAGS:,}")
        else:
            self.outside_tags += tags
            if self.outside_tags > self.outside_limit:
                self.refuse("xml_too_many_elements", limit=f"{self.outside_limit:,}")

    def close(self) -> None:
        """The part has ended: its last tag and run of text count too."""
        self.feed(b"", final=True)


def _longest_run(region: bytes) -> int:
    """The longest run of bytes without a tag in `region` if it is longer than MAX_XML_TEXT_RUN, else 0. Any
    such run covers a multiple of MAX_XML_TEXT_RUN: only the runs through those points are measured."""
    for point in range(MAX_XML_TEXT_RUN, len(region), MAX_XML_TEXT_RUN):
        after = region.find(b"<", point)
        run = (len(region) if after < 0 else after) - region.rfind(b"<", 0, point) - 1
        if run > MAX_XML_TEXT_RUN:
            return run
    return 0


_SST_ROOT = re.compile(rb"<(?:[\w.-]+:)?sst[\s>]")


def scan_xml_part(zf: zipfile.ZipFile, name: str, lang: str, rows_limit: int = MAX_SHEET_ROWS) -> XmlBudget:
    """Stream one XML part of a package through an XmlBudget (ReadError beyond it): the shared strings may
    hold MAX_STRINGS_TAGS tags, any other part MAX_OUTSIDE_ROW_TAGS beside its rows (a sheet's rows are
    bounded by MAX_SHEET_ROWS × MAX_ROW_TAGS and parsed one at a time)."""
    budget = None
    with zf.open(name) as src:
        while chunk := src.read(1 << 20):
            if budget is None:
                limit = MAX_STRINGS_TAGS if _SST_ROOT.search(chunk[:4096]) else MAX_OUTSIDE_ROW_TAGS
                budget = XmlBudget(name, lang, limit, rows_limit)
            budget.feed(chunk)
    budget = budget or XmlBudget(name, lang)
    budget.close()
    return budget


def scan_xml_parts(zf: zipfile.ZipFile, lang: str) -> dict[str, XmlBudget]:
    """Every XML part of a package (by name: .xml, .rels) scanned before any parser reads one."""
    return {i.filename: scan_xml_part(zf, i.filename, lang) for i in zf.infolist()
            if i.filename.lower().endswith((".xml", ".rels")) and not i.is_dir()}


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)"')


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


def _hidden_notice(sheet: Sheet, rows: list[int], cols: list[int]) -> None:
    """Hidden rows and columns are read like the others, and said so."""
    if rows or cols:
        sheet.notices.append(Notice(sheet.name, None, None, "hidden_rows_cols",
                                    {"rows": rows, "cols": sorted(set(cols))}))


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


# ---------------------------------------------------------------- HTML tables

class _Tables(HTMLParser):
    """The tables of an HTML page as rows of cell texts, with rowspan/colspan as merged ranges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[Cells], list[tuple[int, int, int, int]]]] = []
        self.depth = 0
        self.rows: list[Cells] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.taken: dict[int, int] = {}   # column -> last row (1-based) a rowspan occupies
        self.cell: list[str] | None = None
        self.col = 0
        self.span = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.rows, self.merges, self.taken = [], [], {}
        elif self.depth != 1:
            return
        elif tag == "tr":
            self._end_cell()
            self.rows.append([])
            self.col = 0
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.rows:
                self.rows.append([])
            a = dict(attrs)
            self.span = (_int(a.get("rowspan")), _int(a.get("colspan")))
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            if self.depth == 1:
                self._end_cell()
                self.tables.append((self.rows, self.merges))
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        row_no = len(self.rows)
        while self.taken.get(self.col, 0) >= row_no:  # a cell spanned down from above
            self.col += 1
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", "".join(self.cell)).strip()
        text = "\n".join(part.strip() for part in text.split("\n")).strip()
        rs, cs = self.span
        if text:
            self.rows[-1].append((self.col, text))
        if rs > 1 or cs > 1:
            self.merges.append((row_no, self.col, row_no + rs - 1, self.col + cs - 1))
        for c in range(self.col, self.col + cs):
            if rs > 1:
                self.taken[c] = row_no + rs - 1
        self.col += cs
        self.cell = None


def _int(v: str | None) -> int:
    try:
        return max(1, min(int(str(v).strip()), 10_000))
    except (TypeError, ValueError):
        return 1


def read_html(data: bytes, lang: str = "zh") -> list[Sheet]:
    """The tables of an HTML page (one Sheet each; a single table is read like a CSV file)."""
    head = data[:4096].decode("ascii", "replace").lower()
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_-]+)", head)
    declared = m.group(1) if m else None
    encoding = None
    if declared:
        declared = {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(declared, declared)
        try:
            text = data.decode(declared)
            encoding = declared
        except (LookupError, UnicodeDecodeError):
            encoding = None
    if encoding is None:
        text = data.decode(csv_encoding(data, lang))
    parser = _Tables()
    parser.feed(text)
    parser.close()
    if not parser.tables:
        raise ReadError(msg("not_spreadsheet", lang, what=msg("what_html_no_table", lang)))
    if sum(len(rows) for rows, _ in parser.tables) > max_rows() + 1:
        raise ReadError(msg("too_many_rows", lang, rows=sum(len(r) for r, _ in parser.tables), limit=max_rows()))
    one = len(parser.tables) == 1
    sheets = []
    for n, (rows, merges) in enumerate(parser.tables, start=1):
        numbered = [(i, cells) for i, cells in enumerate(rows, start=1) if cells]
        sheets.append(Sheet(None if one else f"表{n}", "html", rows=iter(numbered), merged=sorted(merges)))
    return sheets


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
