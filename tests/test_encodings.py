"""The encoding matrix: UTF-8, UTF-8 with BOM, GB18030/GBK CSV and XLSX (with real date cells)."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from conftest import A1, A2, BUILDINGS, FEDERATIONS, UNITS_HEADER, load
from unionboard.importer import import_bytes
from unionboard.store import connect_read

SNAP = dt.date(2015, 6, 30)
TEXT = (UNITS_HEADER + "\n"
        f"{A1},嘉定甲公司,安亭,,,制造业,民营企业,否,\"1,200\",0,在营,单独建会,,2015年3月1日,900,0\n"
        f"{A2},菊园乙协会,菊园,,,其他,社会组织,否,8,0,在营,未建会,,,0,0\n")


def rows(db):
    con = connect_read(db)
    got = con.execute("SELECT name, town, employees, members, union_date FROM units ORDER BY credit_code").fetchall()
    con.close()
    return got


EXPECTED = [("嘉定甲公司", "安亭镇", 1200, 900, dt.date(2015, 3, 1)), ("菊园乙协会", "菊园新区", 8, 0, None)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings(empty_db, encoding):
    r = import_bytes(empty_db, TEXT.encode(encoding), "u.csv", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    assert rows(empty_db) == EXPECTED


def test_undecodable_bytes_are_refused(empty_db):
    bad = TEXT.encode("utf-8") + b"\xff\xfe\xfa\n"
    r = import_bytes(empty_db, bad, "u.csv", "units", snapshot=SNAP)
    assert not r.ok and r.problems[0].key == "bad_file"
    assert "编码" in r.problems[0].line()


def test_replacement_characters_are_refused(empty_db):
    r = import_bytes(empty_db, TEXT.replace("甲", "\ufffd").encode(), "u.csv", "units", snapshot=SNAP)
    assert not r.ok and "U+FFFD" in r.problems[0].line()


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, data in sheets.items():
        ws = wb.create_sheet(title)
        for line in data:
            ws.append(line)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_with_date_cells(empty_db):
    header = UNITS_HEADER.split(",")
    data = [header,
            [A1, "嘉定甲公司", "安亭", None, None, "制造业", "民营企业", "否", 1200, 0, "在营", "单独建会", None,
             dt.datetime(2015, 3, 1), 900, 0],
            [A2, "菊园乙协会", "菊园", None, None, "其他", "社会组织", False, 8.0, 0, "在营", "未建会", None, None, 0, 0]]
    r = import_bytes(empty_db, workbook({"Sheet1": data}), "u.xlsx", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    assert rows(empty_db) == EXPECTED


def test_xlsx_row_numbers_in_errors(empty_db):
    header = UNITS_HEADER.split(",")
    data = [header, [A1, "甲", "安亭", None, None, "制造业", "民营企业", "否", 10, 0, "在营", "未建会", None, None, 0, 0],
            [None] * 16,
            [A2, "乙", "安亭", None, None, "制造业", "民营企业", "否", "many", 0, "在营", "未建会", None, None, 0, 0]]
    r = import_bytes(empty_db, workbook({"单位名册": data}), "u.xlsx", "units", snapshot=SNAP)
    assert [(p.sheet, p.row, p.column, p.key) for p in r.problems] == [("单位名册", 4, "职工人数", "not_int")]


def test_workbook_with_several_kinds(empty_db):
    book = workbook({
        "商务楼宇": [["楼宇名称", "街镇"], ["嘉亭荟", "安亭镇"]],
        "工会联合会": [["federation", "kind", "town", "building", "founded"],
                  ["嘉亭荟楼宇工会联合会", "楼宇工会联合会", "安亭", "嘉亭荟", dt.datetime(2015, 2, 1)]],
        "units": [UNITS_HEADER.split(",") + ["报表日期"],
                  [A1, "甲", "安亭", None, "嘉亭荟", "现代服务业", "民营企业", "否", 10, 0, "在营", "联合建会",
                   "嘉亭荟楼宇工会联合会", dt.datetime(2015, 3, 1), 9, 0, dt.datetime(2015, 6, 30)]],
        "说明": [["这是说明页"]],
    })
    r = import_bytes(empty_db, book, "all.xlsx", "auto")
    assert r.ok, [p.line() for p in r.problems]
    assert r.kinds == ["buildings", "federations", "units"]
    assert [w.key for w in r.warnings] == ["sheet_ignored"]
    con = connect_read(empty_db)
    assert con.execute("SELECT snapshot, federation FROM units").fetchall() == [
        (dt.date(2015, 6, 30), "嘉亭荟楼宇工会联合会")]
    con.close()


def test_workbook_error_in_one_sheet_changes_nothing(empty_db):
    book = workbook({"buildings": [["楼宇名称", "街镇"], ["嘉亭荟", "安亭镇"]],
                     "targets": [["年度", "街镇", "指标", "目标值"], [2015, "安亭", "新建会单位数", -1]]})
    r = import_bytes(empty_db, book, "all.xlsx")
    assert not r.ok and [(p.sheet, p.row, p.key) for p in r.problems] == [("targets", 2, "not_positive")]
    con = connect_read(empty_db)
    assert con.execute("SELECT count(*) FROM buildings").fetchall() == [(0,)]
    con.close()


def test_english_headers(empty_db):
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    text = ("credit_code,name,town,industry,unit_type,employees,status,union_form,union_date,members\n"
            f"{A1},甲,安亭,制造业,民营企业,10,在营,单独建会,2015-01-01,7\n")
    load(empty_db, "units", text, snapshot=SNAP)
    con = connect_read(empty_db)
    assert con.execute("SELECT members, migrant_workers, fortune500 FROM units").fetchall() == [(7, 0, False)]
    con.close()
