"""A roster is read and checked a few records at a time (readers.CHUNK_ROWS); the outcome must be the
same as checking the whole file at once: file-wide rules across pieces, row numbers, all or nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import A1, A2, A3, A4, A5, BUILDINGS, FEDERATIONS, J1, J2, UNITS_2015, UNITS_HEADER, load
from unionboard import layout, readers
from unionboard.importer import import_bytes
from unionboard.kinds import KINDS
from unionboard.store import connect_read
from unionboard.views import get_view

SNAP = dt.date(2015, 6, 30)
ROW = "{code},{name},安亭镇,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,1"


@pytest.fixture
def pieces_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of two records (the header is a record of the first piece)."""
    monkeypatch.setattr(readers, "CHUNK_ROWS", 2)


@pytest.fixture
def db(empty_db):
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    return empty_db


def roster(*rows: str, header: str = UNITS_HEADER) -> bytes:
    return (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def found(r) -> set[tuple]:  # noqa: ANN001
    return {(p.row, p.column, p.key, p.value) for p in r.problems}


def test_pieces_carry_their_row_numbers(pieces_of_two):
    # 31 records, record 5 blank: the records up to the 21st non-blank one (the header search) come in one piece, then
    # pieces of two records, every row keeping its number in the file
    lines = [f"x{i},{i}" if i != 5 else "" for i in range(2, 32)]
    sheet = readers.read_file(roster(*lines), "u.csv")[0]
    opened = layout.open_sheet(sheet)
    header = layout.find_header(opened, [KINDS["units"]])
    assert header.rows == (1,) and header.found
    pieces = [(list(p.row_numbers), list(p.frame[0])) for p in layout.table(opened, header).pieces()]
    expected = [i for i in range(2, 32) if i != 5]
    assert [n for numbers, _ in pieces for n in numbers] == expected
    assert [v for _, values in pieces for v in values] == [f"x{i}" for i in expected]
    assert pieces[0][0][-1] == 22 and all(len(numbers) <= 2 for numbers, _ in pieces[1:]) and len(pieces) == 6


def test_same_views_as_one_piece(db, pieces_of_two):
    r = import_bytes(db, UNITS_2015.encode(), "u.csv", "units", snapshot=SNAP)
    assert r.ok and r.rows == 7
    con = connect_read(db)
    try:
        rows = con.execute("SELECT credit_code, members, union_date FROM units ORDER BY credit_code").fetchall()
    finally:
        con.close()
    assert [c for c, _, _ in rows] == sorted([A1, A2, A3, A4, A5, J1, J2])
    assert dict((c, m) for c, m, _ in rows)[A1] == 90
    towns = get_view(db, "towns").df.set_index("街镇")
    # as in test_towns_view: 在营 A1, A2, A3, A5; 已建会 A1, A2, A3; members 90 + 8 + 30 + 0
    assert tuple(towns.loc["安亭镇", ["在营单位数", "已建会单位数", "会员人数"]]) == (4, 3, 128)


def test_duplicate_in_a_later_piece_names_the_first_row(db, pieces_of_two):
    r = import_bytes(db, roster(ROW.format(code=A1, name="甲"), ROW.format(code=A2, name="乙"),
                                ROW.format(code=A3, name="丙"), ROW.format(code=A1.lower(), name="甲2")),
                     "u.csv", "units", snapshot=SNAP)
    assert not r.ok
    assert found(r) == {(5, "统一社会信用代码", "duplicate", A1)}
    assert r.problems[0].params == {"row": 2}
    assert "与第2行重复" in r.problems[0].line()


def test_errors_in_every_piece_are_named_and_nothing_changes(db, pieces_of_two):
    bad = roster(ROW.format(code=A1, name="甲"), ROW.format(code=A2, name="乙").replace("10,2", "十,2"),
                 ROW.format(code=A3, name="丙"), ROW.format(code=A4, name="丁").replace("安亭镇", "火星镇"),
                 ROW.format(code=A5, name="戊").replace("2015-01-01", "2015-07-01"))
    r = import_bytes(db, bad, "u.csv", "units", snapshot=SNAP)
    assert not r.ok
    assert found(r) == {(3, "职工人数", "not_int", "十"), (5, "街镇", "unknown_town", "火星镇"),
                        (6, "建会日期", "union_date_after", "2015-07-01")}
    con = connect_read(db)
    try:
        assert con.execute("SELECT count(*) FROM units").fetchall() == [(0,)]
        assert con.execute("SELECT result, rows FROM imports ORDER BY id DESC LIMIT 1").fetchall() == [("refused", 5)]
    finally:
        con.close()


def test_snapshot_dates_across_pieces(db, pieces_of_two):
    header = UNITS_HEADER + ",报表日期"
    rows = [ROW.format(code=c, name=n) + f",{d}" for c, n, d in
            [(A1, "甲", "2015-06-30"), (A2, "乙", "2015-06-30"), (A3, "丙", "2015/6/30"), (A4, "丁", "2015-07-31")]]
    r = import_bytes(db, roster(*rows, header=header), "u.csv", "units")
    assert not r.ok
    assert [(p.key, p.params) for p in r.problems] == [
        ("snapshot_multiple", {"values": "2015-06-30、2015-07-31"})]
    ok = import_bytes(db, roster(*rows[:3], header=header), "u.csv", "units")
    assert ok.ok and ok.summary == ["单位名册 2015-06-30: 安亭镇 3 行"]


def test_union_date_after_a_date_first_seen_in_a_later_piece(db, pieces_of_two):
    header = UNITS_HEADER + ",报表日期"
    rows = [ROW.format(code=A1, name="甲").replace("2015-01-01", "2015-08-01") + ",",
            ROW.format(code=A2, name="乙") + ",",
            ROW.format(code=A3, name="丙") + ",2015-06-30"]
    r = import_bytes(db, roster(*rows, header=header), "u.csv", "units")
    assert found(r) == {(2, "建会日期", "union_date_after", "2015-08-01")}
    assert r.problems[0].params == {"snapshot": "2015-06-30"}


def test_ragged_row_in_a_later_piece(db, pieces_of_two):
    rows = [ROW.format(code=A1, name="甲"), ROW.format(code=A2, name="乙"), ROW.format(code=A3, name="丙") + ",多余,单元格",
            ROW.format(code=A4, name="丁").rsplit(",", 1)[0]]  # the last row lacks 农民工会员数 (optional)
    r = import_bytes(db, roster(*rows), "u.csv", "units", snapshot=SNAP)
    assert r.ok, [p.line() for p in r.problems]
    con = connect_read(db)
    try:
        got = con.execute("SELECT credit_code, migrant_members FROM units ORDER BY credit_code").fetchall()
    finally:
        con.close()
    assert got == [(A1, 1), (A2, 1), (A3, 1), (A4, 0)]


def test_problem_list_is_capped(db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_PROBLEMS", "3")
    codes = [A1, A2, A3, A4, A5]
    r = import_bytes(db, roster(*[ROW.format(code=c, name="甲").replace("10,2", "十,2") for c in codes]),
                     "u.csv", "units", snapshot=SNAP)
    assert [(p.row, p.key) for p in r.problems] == [(2, "not_int"), (3, "not_int"), (4, "not_int"),
                                                     (None, "more_problems")]
    assert r.problems[-1].line() == "u.csv：另有 2 个问题未逐条列出（已列出前 3 个；请先改正已列出的同类问题）"


def test_problem_list_is_capped_for_the_small_kinds(db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_PROBLEMS", "2")
    text = "年度,街镇,指标,目标值\n" + "".join(f"2015,火星{i}镇,新建会单位数,5\n" for i in range(4))
    r = import_bytes(db, text.encode(), "targets.csv", "targets")
    assert [(p.row, p.key) for p in r.problems] == [(2, "unknown_town_or_district"), (3, "unknown_town_or_district"),
                                                    (None, "more_problems")]  # targets: a town or 全区 (issue 27)
    assert r.problems[-1].params == {"n": 2, "shown": 2}


def test_duplicates_among_codes_of_every_length(db, pieces_of_two):
    # 18-byte codes are compared as byte keys, the others (wrong lengths) by a dictionary: both kinds of
    # repeat are found across pieces, each naming the first row with the same code
    r = import_bytes(db, roster(ROW.format(code="ABC", name="甲"), ROW.format(code=A1, name="乙"),
                                ROW.format(code=A2, name="丙"), ROW.format(code="abc", name="丁"),
                                ROW.format(code=A1, name="戊"), ROW.format(code="AB", name="己")),
                     "u.csv", "units", snapshot=SNAP)
    assert not r.ok
    dups = {(p.row, p.value, p.params["row"]) for p in r.problems if p.key == "duplicate"}
    assert dups == {(5, "ABC", 2), (6, A1, 3)}
    assert {p.row for p in r.problems if p.key == "code_length"} == {2, 5, 7}
