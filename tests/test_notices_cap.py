"""A hostile upload with thousands of unknown columns draws as many notices as problems may be listed
(UNIONBOARD_MAX_PROBLEMS), then one line counting the rest — and 数据管理 shows them as one table, not one
element each (issue 17, item 8; the time it takes is measured, not asserted: see README)."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from apptest_helpers import open_page, server_like, sign_in
from conftest import UNITS_2015
from unionboard.accounts import accounts_path, add_user
from unionboard.importer import check_bytes, import_bytes
from unionboard.validate import Problem, capped_notices

JUNE = dt.date(2015, 6, 30)


def wide(columns: int, header_name: str = "x{}") -> bytes:
    """The fixture's 2015 roster with `columns` extra (empty) columns."""
    header, *rows = UNITS_2015.strip().split("\n")
    extra = "," + ",".join(header_name.format(i) for i in range(columns))
    return (header + extra + "\n" + "\n".join(r + "," * columns for r in rows) + "\n").encode()


@pytest.fixture
def few(monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_PROBLEMS", "100")


def test_unknown_columns_are_capped_like_problems(fixture_db, few):
    r = check_bytes(fixture_db, wide(20_000), "w.csv", "units", snapshot=JUNE, replace=True)
    assert r.ok  # unknown columns are only notices
    assert len(r.warnings) == 101
    assert r.warnings[0].line() == "w.csv 第1行 Q列「x0」：未知列「x0」，已忽略"
    assert r.warnings[99].line() == "w.csv 第1行 DL列「x99」：未知列「x99」，已忽略"
    assert r.warnings[-1].line() == "w.csv：另有 19900 个提示未逐条列出（已列出前 100 个）"
    assert r.warnings[-1].line("en") == "w.csv: 19900 more notice(s) not listed one by one (the first 100 are listed)"


def test_a_hostile_file_still_imports_what_it_holds(fixture_db, few):
    r = import_bytes(fixture_db, wide(20_000), "w.csv", "units", snapshot=JUNE, replace=True)
    assert r.ok and r.rows == 7 and len(r.warnings) == 101


def test_sheets_together_are_capped_once(fixture_db, few):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    # three sheets whose header is a buildings table (a sheet not named after a kind is read by its header),
    # each with 150 unknown columns
    for title in ("buildings", "甲", "乙"):
        ws = wb.create_sheet(title)
        ws.append(["楼宇名称", "街镇", *[f"y{i}" for i in range(150)]])
        ws.append(["新楼", "安亭镇"])
    buf = io.BytesIO()
    wb.save(buf)
    r = check_bytes(fixture_db, buf.getvalue(), "all.xlsx")
    assert r.ok
    assert len(r.warnings) == 101
    # 450 unknown columns in all: 100 listed, then one line counting the other 350
    assert r.warnings[-1].params == {"n": 350, "shown": 100}


def test_repeated_known_columns_are_capped_too(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_PROBLEMS", "10")
    r = check_bytes(fixture_db, wide(500, "职工人数"), "w.csv", "units", snapshot=JUNE, replace=True)
    assert not r.ok
    assert len(r.problems) == 11 and r.problems[0].line() == "w.csv 第1行 Q列「职工人数」：列「职工人数」出现多次"
    assert r.problems[-1].line() == "w.csv：另有 490 个问题未逐条列出（已列出前 10 个；请先改正已列出的同类问题）"


def test_capped_notices_counts_what_earlier_caps_counted():
    notice = Problem("f.csv", None, 1, "x", None, "unknown_column", {"col": "x"})
    more = Problem("f.csv", "s", None, None, None, "more_notices", {"n": 7, "shown": 2})
    assert capped_notices([notice] * 3, limit=5) == [notice] * 3
    capped = capped_notices([notice, notice, more, notice, notice], limit=3)
    assert capped[:3] == [notice] * 3 and capped[3].params == {"n": 8, "shown": 3}


def test_data_page_shows_many_notices_as_one_table(fixture_db, monkeypatch):
    server_like(monkeypatch)
    monkeypatch.setenv("UNIONBOARD_MAX_PROBLEMS", "1000")
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "admin", "管理员", "admin-pass-1")
    at = open_page()
    sign_in(at, "admin", "admin-pass-1")
    at.switch_page("pages/data.py").run()
    at.selectbox(key="data_kind").set_value("units")
    at.file_uploader(key="data_upload_0").upload("w.csv", wide(5_000), "text/csv").run()
    assert not at.exception
    assert len(at.caption) < 20  # not 5,000 captions
    assert "提示（1,001 条）" in [e.label for e in at.expander]
    table = next(d.value for d in at.dataframe if list(d.value.columns) == ["提示"])
    assert len(table) == 1001 and table.iloc[-1, 0] == "w.csv：另有 4000 个提示未逐条列出（已列出前 1000 个）"
    preview = at.dataframe[0].value
    assert preview.shape[1] == 61  # 行 and the first 60 columns: the browser gets no 5,000-column preview
