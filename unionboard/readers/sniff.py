"""What a file is, by its content rather than its name (an XLSX saved as .xls, an HTML table saved as
.xls, a CSV named .txt …), and the reader that reads it: `read_file`, the one way in.
"""
from __future__ import annotations

import io
import os
import re
import zipfile

from ..i18n import msg
from .common import (
    Notice,
    ReadError,
    Sheet,
    Source,
    max_file_bytes,
    max_xlsx_unpacked_bytes,
    source_bytes,
    source_head,
    source_size,
)
from .ods import read_fods, read_ods
from .text import _decoded_head, read_csv, read_html
from .xls import read_xls
from .xlsx import read_xlsx

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
