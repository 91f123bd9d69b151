"""The memory an XML part of a workbook may cost (issue 28, item 4): a scan of the raw bytes, before any
parser sees them, that refuses a part with too long a text run, too many tags in one row or outside the
rows, or too many rows — so a small zip cannot unpack into a parse that fills the memory.
"""
from __future__ import annotations

import re
import zipfile

from ..i18n import msg
from .common import MAX_SHEET_ROWS, ReadError, tunable

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
            if self.row_tags > (row_tags := tunable("MAX_ROW_TAGS")):
                self.refuse("xml_row_too_large", limit=f"{row_tags:,}")
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
