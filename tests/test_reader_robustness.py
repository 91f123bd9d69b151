"""Reader defects found by the adversarial pass (issue 17, items 1, 3, 7 and 11): a stale <dimension>,
a cell at XFD1048576, a formula with no cached value, CR-only line endings, and files that are not
what their name says (.xls, .ods, an empty file) — each read right or refused saying what it is."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest

from conftest import A1, A2, A3, ROOT, UNITS_HEADER
from spreadsheets import ods_bytes, xls_bytes
from unionboard.importer import import_bytes
from unionboard.store import connect_read

SNAP = dt.date(2015, 6, 30)
HEADER = UNITS_HEADER.split(",")
CODES = [A1, A2, A3, "91310114000000004N", "91310114000000005R", "91310114000000006W"]


def unit(code: str, name: str, employees: int = 10, migrants: object = 2) -> list[object]:
    return [code, name, "安亭镇", None, None, "制造业", "民营企业", "否", employees, migrants, "在营", "单独建会", None,
            "2015-01-01", 5, 1 if migrants else 0]


def xlsx(rows: list[list[object]], title: str = "单位名册") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:  # noqa: ANN001 - a str -> str function
    """The workbook with its first sheet's XML changed by `change`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = change(body.decode()).encode()
            dst.writestr(info.filename, body)
    return out.getvalue()


def stored(db) -> list[tuple]:  # noqa: ANN001
    con = connect_read(db)
    try:
        return con.execute("SELECT credit_code, name, employees FROM units ORDER BY credit_code").fetchall()
    finally:
        con.close()


# -- item 1: a stale <dimension> must not drop rows

def test_stale_dimension_drops_no_rows(empty_db):
    data = xlsx([HEADER] + [unit(c, f"单位{i}") for i, c in enumerate(CODES, start=1)])
    stale = rewrite_sheet(data, lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:P3"/>', x))
    assert '<dimension ref="A1:P3"/>' in zipfile.ZipFile(io.BytesIO(stale)).read("xl/worksheets/sheet1.xml").decode()
    r = import_bytes(empty_db, stale, "u.xlsx", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    assert r.rows == 6
    assert stored(empty_db) == sorted((c, f"单位{i}", 10) for i, c in enumerate(CODES, start=1))


# -- item 3: one cell at XFD1048576 must not pad the sheet to 16,384 columns x 1,048,576 rows

def test_far_away_cell_is_read_in_bounded_memory(tmp_path):
    data = xlsx([HEADER, unit(A1, "甲"), unit(A2, "乙")])
    far = rewrite_sheet(data, lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', x).replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    assert len(far) < 8_000
    path = tmp_path / "far.xlsx"
    path.write_bytes(far)
    # in a child process whose address space is capped: reading must stay far below the cap (the old
    # reader built 1,048,576 rows of 16,384 cells: gigabytes)
    script = textwrap.dedent(f"""
        import resource, sys
        sys.path.insert(0, {str(ROOT)!r})
        resource.setrlimit(resource.RLIMIT_AS, (2_500 * 1024 * 1024,) * 2)
        import datetime as dt
        from pathlib import Path
        from unionboard.defaults import JIADING_TOWNS
        from unionboard.importer import validate_file
        from unionboard.validate import Context
        towns = [t for t, _, _ in JIADING_TOWNS]
        lookup = {{t: t for t in towns}}
        ctx = Context(towns, lookup, set(), set(), {{}})
        _, r = validate_file(ctx, Path({str(path)!r}).read_bytes(), "far.xlsx", "units", snapshot=dt.date(2015, 6, 30))
        print(r.ok, r.rows, [p.line() for p in r.problems])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True 2 []"


# -- item 7: a formula with no cached value is an error naming the cell, even in an optional column

def test_formula_without_cached_value_is_an_error(empty_db):
    data = xlsx([HEADER, unit(A1, "甲"), unit(A2, "乙", migrants="=1+1")])
    r = import_bytes(empty_db, data, "u.xlsx", "units", snapshot=SNAP)
    assert not r.ok
    assert [(p.row, p.letter, p.column, p.key) for p in r.problems] == [(3, "J", "农民工人数", "formula_no_value")]
    assert r.problems[0].line() == ("u.xlsx［单位名册］ 第3行 J列「农民工人数」：单元格是公式但没有计算结果"
                                    "（文件由程序生成、从未在 Excel/WPS 中打开保存）；请在 Excel 或 WPS 中打开、保存后再导入")
    assert stored(empty_db) == []


# -- item 7: CR-only line endings count as lines for UNIONBOARD_MAX_ROWS

def test_cr_only_line_endings_count_against_the_row_limit(empty_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_ROWS", "3")
    rows = [",".join(str(v) if v is not None else "" for v in unit(c, f"单位{i}")) for i, c in enumerate(CODES)]
    text = "\r".join([UNITS_HEADER, *rows]) + "\r"
    r = import_bytes(empty_db, text.encode(), "u.csv", "units", snapshot=SNAP)
    assert not r.ok and [p.key for p in r.problems] == ["bad_file"]
    assert "行数过多（7 行，上限 3）" in r.problems[0].line()
    monkeypatch.setenv("UNIONBOARD_MAX_ROWS", "10")
    r = import_bytes(empty_db, text.encode(), "u.csv", "units", snapshot=SNAP)
    assert r.ok and r.rows == 6


# -- item 11: .xls, .ods and an empty file are read, or refused saying what the file is

def test_real_xls_is_read(empty_db):
    data = xls_bytes({"单位名册": [HEADER, unit(A1, "甲", 12), unit(A2, "乙", 7, 0)]})
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    r = import_bytes(empty_db, data, "安亭.xls", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    assert stored(empty_db) == [(A1, "甲", 12), (A2, "乙", 7)]


def test_ods_is_read(empty_db):
    data = ods_bytes({"单位名册": [HEADER, unit(A1, "甲", 12), unit(A2, "乙", 7, 0)]})
    r = import_bytes(empty_db, data, "安亭.ods", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    assert stored(empty_db) == [(A1, "甲", 12), (A2, "乙", 7)]


@pytest.mark.parametrize(("data", "says"), [
    (b"", "文件是空的（0 字节）"),
    (b"  \r\n\n", "文件没有内容"),
    (b"%PDF-1.4\n%...", "这是PDF 文件，不是表格"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "不是可读的 Excel 97–2003 工作簿"),
])
def test_unreadable_files_say_what_they_are(empty_db, data, says):
    r = import_bytes(empty_db, data, "u.xls", "units", snapshot=SNAP)
    assert not r.ok and len(r.problems) == 1
    line = r.problems[0].line()
    assert says in line, line
    assert "编码" not in line and "KeyError" not in line


def test_credit_code_stored_as_a_number_says_so(empty_db):
    # Excel turns an all-digit code typed into a General cell into 9.13101140000000E+17
    data = xlsx([HEADER, unit(9.1310114e17, "甲")])
    r = import_bytes(empty_db, data, "u.xlsx", "units", snapshot=SNAP)
    assert [(p.row, p.letter, p.key) for p in r.problems] == [(2, "A", "code_as_number")]
    assert "科学计数法" in r.problems[0].line()


def test_ods_repeats_are_bounded(empty_db, monkeypatch):
    # a few hundred bytes: one value repeated over 16,384 columns and 1,048,576 rows (17 billion cells)
    monkeypatch.setenv("UNIONBOARD_MAX_ROWS", "100000")
    data = ods_bytes({"单位名册": [HEADER, unit(A1, "甲")]})
    bomb = ('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated='
            '"16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename).decode()
            if info.filename == "content.xml":
                body = re.sub(r'<table:table-row table:number-rows-repeated="1048000">.*?</table:table-row>', bomb, body)
            dst.writestr(info.filename, body)
    r = import_bytes(empty_db, out.getvalue(), "u.ods", "units", snapshot=SNAP)
    assert not r.ok and [p.key for p in r.problems] == ["bad_file"]
    assert "单元格过多（上限 6,400,000）" in r.problems[0].line()

