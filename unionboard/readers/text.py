"""Text files: CSV/TSV (Arrow's CSV reader for UTF-8, pandas' C parser for other encodings, a piece at a
time, from the bytes or straight from the disk; the encoding by strict trial; the csv module from the
first record of another length) and HTML tables (web systems' "Excel" exports: the standard library's
HTML parser, rowspan/colspan as merged ranges).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from ..i18n import msg
from .common import (
    _BLOCK,
    Cells,
    Notice,
    ReadError,
    Sheet,
    Source,
    max_rows,
    source_blocks,
    source_bytes,
    source_head,
    source_open,
    source_size,
    tunable,
)

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
            read_options=pa_csv.ReadOptions(column_names=names, block_size=tunable("ARROW_BLOCK_BYTES"), use_threads=False),
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
    rows = rows or tunable("CHUNK_ROWS")
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
