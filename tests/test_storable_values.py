"""Values the database cannot store are refused at validation, naming the cell: INTEGER columns are
32-bit, a target must be a finite number in the same range (400 nines must not become inf). An
unexpected failure while applying an import is recorded as refused and shown as a clear message, on
the command line and on 数据管理's 确认导入 (issue 17, item 5)."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from apptest_helpers import open_page, server_like, sign_in, texts
from conftest import A1, UNITS_HEADER
from unionboard.accounts import accounts_path, add_user
from unionboard.cli import main
from unionboard.importer import check_bytes, import_bytes
from unionboard.store import connect_read
from unionboard.validate import parse_int, parse_number
from unionboard.views import table

JULY = dt.date(2015, 7, 31)
RANGE = "超出可存储的范围（-2,147,483,648 至 2,147,483,647）"


def roster(employees: str, members: str = "0") -> bytes:
    return (f"{UNITS_HEADER}\n{A1},甲公司,安亭镇,,,制造业,民营企业,否,\"{employees}\",0,在营,单独建会,,2010-01-01,"
            f"\"{members}\",0\n").encode()


@pytest.mark.parametrize("value", ["3,000,000,000", "3000000000", "-3000000000", "2147483648", "9" * 5000,
                                   "9" * 400 + ".0", "0000000000002147483648"])
def test_integers_beyond_32_bits_are_refused_naming_the_cell(fixture_db, value):
    r = check_bytes(fixture_db, roster(value), "u.csv", "units", snapshot=JULY)
    assert not r.ok
    lines = [p.line() for p in r.problems]
    assert f"u.csv 第2行 I列「职工人数」 值「{value}」：{RANGE}" in lines


def test_the_largest_integer_is_stored_exactly(fixture_db):
    r = import_bytes(fixture_db, roster("2,147,483,647", "2147483647"), "u.csv", "units", snapshot=JULY)
    assert r.ok, [p.line() for p in r.problems]
    con = connect_read(fixture_db)
    try:
        assert con.execute("SELECT employees, members FROM units WHERE snapshot = $s", {"s": JULY}).fetchall() == \
            [(2147483647, 2147483647)]
    finally:
        con.close()


@pytest.mark.parametrize("value", ["9" * 400, "9" * 309 + ".5", "3000000000"])
def test_targets_must_be_finite_and_in_range(fixture_db, value):
    text = f"年度,街镇,指标,目标值\n2016,安亭镇,新建会单位数,{value}\n"
    r = import_bytes(fixture_db, text.encode(), "t.csv", "targets")
    assert not r.ok
    assert r.problems[0].line() == f"t.csv 第2行 D列「目标值」 值「{value}」：{RANGE}"
    con = connect_read(fixture_db)
    try:
        assert con.execute("SELECT count(*) FROM targets WHERE year = 2016").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM targets WHERE isinf(target)").fetchall() == [(0,)]
    finally:
        con.close()


def test_parsers_never_overflow():
    assert parse_int("9" * 10000) == (None, ("out_of_range", {"min": "-2,147,483,648", "max": "2,147,483,647"}))
    assert parse_int("1,234.00") == (1234, None)
    assert parse_number("9" * 400)[0] is None and parse_number("12.5%") == (12.5, None)


def failing_apply(*_args, **_kwargs):
    raise duckdb.ConversionException('Conversion Error: Type INT64 with value 3000000000 can\'t be cast to INT32')


def test_unexpected_failure_while_applying_is_recorded_as_refused(fixture_db, tmp_path, capsys, monkeypatch):
    before = fixture_db.read_bytes()
    monkeypatch.setattr("unionboard.importer._apply", failing_apply)
    path = tmp_path / "u.csv"
    path.write_bytes(roster("10"))
    assert main(["import", "units", str(path), "--snapshot", "2015-07-31", "--db", str(fixture_db)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "导入被拒绝，数据库未作任何改动" in err
    assert "u.csv：导入未完成：发生意外错误（ConversionException: Conversion Error" in err
    last = table(fixture_db, "import_history").iloc[0]
    assert last["结果"] == "已拒绝" and last["文件名"] == "u.csv" and "ConversionException" in last["说明"]
    assert sorted(table(fixture_db, "snapshot_list")["报表日期"]) == [dt.date(2014, 12, 31), dt.date(2015, 6, 30)]
    # the data are as before: only the history gained the refusal
    con = connect_read(fixture_db)
    try:
        assert con.execute("SELECT count(*) FROM units").fetchall() == [(10,)]
    finally:
        con.close()
    assert before != fixture_db.read_bytes()


@pytest.fixture
def admin_page(fixture_db, monkeypatch):
    server_like(monkeypatch)  # 确认导入 is read from the button's return value
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "admin", "管理员", "admin-pass-1")
    at = open_page()
    sign_in(at, "admin", "admin-pass-1")
    at.switch_page("pages/data.py").run()
    return at


def report_table(at):
    """The problems table of 数据管理 (the one with a 问题 column)."""
    return next(d.value for d in at.dataframe if "问题" in d.value.columns)


def test_data_page_refuses_what_cannot_be_stored(admin_page):
    at = admin_page
    at.selectbox(key="data_kind").set_value("units")
    at.date_input(key="data_snapshot").set_value(JULY)
    at.file_uploader(key="data_upload_0").upload("u.csv", roster("3,000,000,000"), "text/csv").run()
    assert not at.exception
    assert "校验未通过：1 个问题" in " ".join(e.value for e in at.error)
    assert "data_confirm" not in [b.key for b in at.button]
    report = report_table(at)
    assert report.iloc[0].to_dict() == {"文件": "u.csv", "工作表": "", "行": 2, "列": "I列「职工人数」", "值": "3,000,000,000",
                                        "问题": RANGE}


def test_data_page_confirm_shows_a_failure_as_a_message(admin_page, fixture_db, monkeypatch):
    at = admin_page
    at.selectbox(key="data_kind").set_value("units")
    at.date_input(key="data_snapshot").set_value(JULY)
    at.file_uploader(key="data_upload_0").upload("u.csv", roster("10"), "text/csv").run()
    assert "校验通过：1 行，可以导入" in " ".join(s.value for s in at.success)
    monkeypatch.setattr("unionboard.importer._apply", failing_apply)
    at.checkbox(key="data_agree").check().run()  # one unit against five in June: the drop is confirmed first
    at.button(key="data_confirm").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "校验未通过：1 个问题" in shown
    problem = report_table(at).iloc[0]["问题"]
    assert problem.startswith("导入未完成：发生意外错误（ConversionException: Conversion Error")
    assert "数据库未作改动" in problem and "Traceback" not in texts(at)
    assert table(fixture_db, "import_history").iloc[0]["结果"] == "已拒绝"
