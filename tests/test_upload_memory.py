"""Issue 28, item 4: an import's memory stays bounded whatever a spreadsheet's XML holds. A sheet of a header
and hundreds of megabytes of spaces (a file of under a megabyte) is refused by a byte scan before any XML
parser holds the run, under a memory cap and a time limit; the scan's other bounds (rows, a row's size, what
lies beside the rows) at small limits; XLSX and ODS alike. The measured bound: docs/decisions/23.md."""
from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from conftest import ROOT, UNITS_HEADER
from spreadsheets import ods_bytes
from unionboard import readers
from unionboard.readers import ReadError, XmlBudget, read_file

MB = 1 << 20
SPACES_REFUSED = ("文件中有超过 1 MB 的连续空白或文字，而一个单元格最多只能有 32,767 个字符：这不是正常保存的表格。"
                  "请在 Excel/WPS 中打开、另存为 .xlsx 后再导入")


def header_xlsx() -> bytes:
    """A workbook whose one sheet holds the units header."""
    wb = openpyxl.Workbook()
    wb.active.title = "单位名册"
    wb.active.append(UNITS_HEADER.split(","))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def with_part(data: bytes, part: str, before: bytes, spaces_mb: int = 0, extra: bytes = b"") -> bytes:
    """The package with `part` rewritten: its bytes up to `before`, then `spaces_mb` MB of spaces and `extra`,
    then the rest — deflated, so hundreds of megabytes of spaces take well under a megabyte."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename != part:
                dst.writestr(info, body)
                continue
            head, tail = body.split(before, 1)
            with dst.open(info.filename, "w", force_zip64=True) as w:
                w.write(head)
                block = b" " * MB
                for _ in range(spaces_mb):
                    w.write(block)
                w.write(extra + before + tail)
    return out.getvalue()


def test_a_sheet_of_spaces_is_refused_under_a_memory_cap_and_a_time_limit(tmp_path):
    # 768 MB of spaces after the header (770 KB on disk): before issue 28 the reader held the run whole and
    # ended in a MemoryError under this cap after ~30 s; now the scan refuses it at the first megabyte
    path = tmp_path / "安亭镇6月.xlsx"
    path.write_bytes(with_part(header_xlsx(), "xl/worksheets/sheet1.xml", b"</sheetData>", spaces_mb=768))
    assert path.stat().st_size < MB
    db = tmp_path / "t.duckdb"
    cap = 1536 * MB  # address space: the command line with DuckDB and Arrow loaded needs ~1.1 GB of it

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    subprocess.run([sys.executable, "-m", "unionboard", "init", "--empty", "--db", str(db)], cwd=ROOT, check=True,
                   capture_output=True)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "unionboard", "import", "units", str(path), "--snapshot",
                           "2015-06-30", "--db", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          preexec_fn=limit)
    took = time.monotonic() - started
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"安亭镇6月.xlsx：无法读取文件：{SPACES_REFUSED}" in done.stdout + done.stderr
    assert "Error" not in done.stdout + done.stderr
    assert took < 60


def test_spaces_in_the_shared_strings_and_in_an_ods_are_refused_too():
    data = header_xlsx()
    # openpyxl writes no shared strings for a header written as inline text: a run inside the workbook part
    sst = with_part(data, "xl/workbook.xml", b"<sheets>", spaces_mb=3)
    with pytest.raises(ReadError, match="连续空白或文字"):
        read_file(sst, "a.xlsx")
    ods = with_part(ods_bytes({"单位名册": [UNITS_HEADER.split(",")]}), "content.xml", b"</table:table>", spaces_mb=3)
    with pytest.raises(ReadError, match="连续空白或文字"):
        read_file(ods, "a.ods")


def test_a_run_is_measured_across_blocks_and_between_tags():
    ok = XmlBudget("p", "zh")
    for block in (b"<row>" + b" " * (MB - 10), b" " * 6, b"<c/></row>"):  # "row>" and spaces: 1 MB without a "<"
        ok.feed(block)
    ok.close()
    for blocks in ([b"<a>" + b" " * (MB // 2), b" " * (MB // 2 + 1), b"<b/>"],   # across two blocks
                   [b"<a>" + b" " * (MB + 1) + b"</a>"],                          # inside one
                   [b" " * (MB + 1)]):                                             # before any tag
        budget = XmlBudget("p", "en")
        with pytest.raises(ReadError, match="more than 1 MB of spaces or text"):
            for block in blocks:
                budget.feed(block)
            budget.close()


def test_rows_a_rows_size_and_what_lies_beside_the_rows_are_bounded(monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROW_TAGS", 8)
    budget = XmlBudget("p", "zh", outside_limit=6, rows_limit=3)
    budget.feed(b'<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row><row r="2"/>')  # 8 tags in row 1
    with pytest.raises(ReadError, match="有一行的内容超过表格一行能有的"):
        budget.feed(b'<row r="3"><c><v>1</v></c><c><v>2</v></c><c/></row>')                  # 9
    budget = XmlBudget("p", "zh", outside_limit=6, rows_limit=3)
    budget.feed(b"<x:row/><x:row/><x:row/>")
    with pytest.raises(ReadError, match=r"工作表的行数超过表格的上限（3 行）"):
        budget.feed(b"<x:row/>")
        budget.close()
    budget = XmlBudget("p", "zh", outside_limit=6, rows_limit=3)
    budget.feed(b"<a><b/><b/></a><row><c/></row>")  # 4 tags beside the row (<a>, <b/>, <b/>, </a>)
    with pytest.raises(ReadError, match=r"单元格以外的内容过多（超过 6 项）"):
        budget.feed(b"<b/><b/><b/>")
        budget.close()
    # ODS rows are <table:table-row>; <table:table-row-group> is not a row
    ods = XmlBudget("p", "zh", rows_limit=1)
    ods.feed(b"<table:table-row-group><table:table-row><table:table-cell/></table:table-row></table:table-row-group>")
    with pytest.raises(ReadError, match="行数超过"):
        ods.feed(b"<table:table-row/>")
        ods.close()


def test_merged_ranges_still_come_from_the_scan():
    sheets = read_file(with_part(header_xlsx(), "xl/worksheets/sheet1.xml", b"</worksheet>",
                                 extra=b'<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>'), "a.xlsx")
    assert sheets[0].merged == [(2, 0, 4, 0)]
