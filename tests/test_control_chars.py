"""NUL and other control characters: refused at import in any text cell, with a message naming the cell;
and every export (CSV, XLSX, the workbook, the Word 通报) is robust to whatever an older database
holds (issue 17, item 6)."""
from __future__ import annotations

import datetime as dt
import io

import docx
import duckdb
import openpyxl
import pytest

from apptest_helpers import open_page
from conftest import A1, J2, UNITS_HEADER, rewrite_units
from unionboard.briefing import docx_bytes, workbook_bytes
from unionboard.cli import main
from unionboard.export import csv_bytes, xlsx_bytes
from unionboard.importer import import_bytes
from unionboard.views import VIEWS, Filters, get_view

JULY = dt.date(2015, 7, 31)
ROW = f"{A1},甲公司,安亭镇,红星村,,制造业,民营企业,否,10,0,在营,未建会,,,0,0"


def roster(name: str = "甲公司", area: str = "红星村") -> str:
    return UNITS_HEADER + "\n" + ROW.replace("甲公司", name).replace("红星村", area) + "\n"


@pytest.mark.parametrize(("kind", "text", "line"), [
    ("units", roster(name="甲\x00公司"),
     "units.csv 第2行 B列「单位名称」 值「甲<U+0000>公司」：含有控制字符（U+0000），无法保存和导出；请删除后重新导入"),
    ("units", roster(area="红星\x07\x1b村"),
     "units.csv 第2行 D列「村居园区」 值「红星<U+0007><U+001B>村」：含有控制字符（U+0007、U+001B），无法保存和导出；请删除后重新导入"),
    ("towns", "街镇,类型,别名\n新\x0b镇,镇,\n",
     "towns.csv 第2行 A列「街镇」 值「新<U+000B>镇」：含有控制字符（U+000B），无法保存和导出；请删除后重新导入"),
    ("towns", "街镇,类型,别名\n新镇,镇,新\x7f\n",
     "towns.csv 第2行 C列「别名」 值「新<U+007F>」：含有控制字符（U+007F），无法保存和导出；请删除后重新导入"),
    ("training", "开始日期,结束日期,地点,主办单位,参训街镇,培训对象,参训人数\n"
                 "2015-07-01,2015-07-02,文化\x85宫,区总工会,安亭镇,工会干部,3\n",
     "training.csv 第2行 C列「地点」 值「文化<U+0085>宫」：含有控制字符（U+0085），无法保存和导出；请删除后重新导入"),
])
def test_control_characters_refused_naming_the_cell(fixture_db, kind, text, line):
    r = import_bytes(fixture_db, text.encode("utf-8"), f"{kind}.csv", kind, snapshot=JULY if kind == "units" else None)
    assert not r.ok
    assert line in [p.line() for p in r.problems]
    assert "\x00" not in r.report().to_csv()  # the report shows the character, never carries it raw


def test_tabs_and_line_breaks_inside_a_name_are_text(fixture_db):
    text = roster(name='"甲\t公司\n（总部）"')
    r = import_bytes(fixture_db, text.encode("utf-8"), "u.csv", "units", snapshot=JULY)
    assert r.ok, [p.line() for p in r.problems]


@pytest.fixture
def old_db(fixture_db):
    """A database written before the check: a town and unit names holding control characters."""
    rewrite_units(fixture_db, """
        SELECT * REPLACE (name || chr(0) || chr(7) AS name) FROM units
        UNION ALL
        SELECT snapshot, '91310114000000099X', '=HYPERLINK(' || chr(0) || ')', '坏' || chr(1) || '镇', chr(11), NULL,
               industry, unit_type, fortune500, employees, migrant_workers, status, union_form, federation,
               union_date, members, migrant_members
        FROM units WHERE credit_code = $c""", {"c": J2})
    con = duckdb.connect(str(fixture_db))
    try:
        con.execute("INSERT INTO towns VALUES (99, '坏' || chr(1) || '镇', '镇', ['坏' || chr(31)])")
        con.execute("INSERT INTO events VALUES ('2015-05-02', '91310114000000099X', '坏' || chr(0), '关闭', "
                    "'坏' || chr(1) || '镇', NULL, '撤销', 3, 0)")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return fixture_db


def test_every_view_exports_as_csv_and_xlsx(old_db):
    for name in VIEWS:
        df = get_view(old_db, name, Filters(towns=["安亭镇"]) if VIEWS[name].one_town else None).df  # issue 24
        text = csv_bytes(df).decode("utf-8-sig")
        assert "\x00" not in text and "\x01" not in text
        ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({name: df}))).active
        assert ws.max_row == len(df) + 1
    uncovered = get_view(old_db, "uncovered").df
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"x": uncovered}))).active
    names = {c.value for c in ws["B"]}
    assert "庚协会\ufffd\ufffd" in names and "=HYPERLINK(\ufffd)" in names
    cell = next(c for c in ws["B"] if c.value == "=HYPERLINK(\ufffd)")
    assert cell.data_type == "s"  # still text, never a formula
    assert "'=HYPERLINK(\ufffd)" in csv_bytes(uncovered).decode("utf-8-sig")


def test_workbook_and_briefing_from_an_old_database(old_db):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(old_db, Filters())))
    assert len(wb.sheetnames) == len([n for n in VIEWS if not VIEWS[n].one_town])  # issue 24
    towns = [r[0] for r in wb["街镇进度"].iter_rows(min_row=2, values_only=True)]
    assert "坏\ufffd镇" in towns
    doc = docx.Document(io.BytesIO(docx_bytes(old_db, Filters())))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "坏\ufffd镇" in cells


def test_cli_exports_from_an_old_database(old_db, tmp_path, capsys):
    for name in ("uncovered", "followup", "towns", "briefing", "workbook"):
        suffix = ".docx" if name == "briefing" else ".xlsx"
        assert main(["export", name, "--db", str(old_db), "-o", str(tmp_path / f"{name}{suffix}")]) == 0
        assert main(["export", name, "--db", str(old_db), "-o", str(tmp_path / f"{name}.csv")]) == 0 \
            or name in ("briefing", "workbook")
    assert "Traceback" not in capsys.readouterr().err


def test_pages_show_an_old_database(old_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(old_db))
    for page in (None, "uncovered", "dynamics", "towns"):
        at = open_page(page)
        assert not at.exception
