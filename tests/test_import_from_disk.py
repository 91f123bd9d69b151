"""A file imported from the disk (`unionboard import FILE`, importer.import_path) is read as it is
parsed, never held whole, and gives what the same bytes give (issue 16: a province's roster)."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from conftest import A1, BUILDINGS, FEDERATIONS, UNITS_2015, UNITS_HEADER, load
from unionboard import creditcode, readers
from unionboard.importer import check_bytes, import_bytes, import_path
from unionboard.views import get_view

SNAP = dt.date(2015, 6, 30)


@pytest.fixture
def db(empty_db: Path) -> Path:
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    return empty_db


@pytest.mark.parametrize("step", range(1, 9))
def test_line_ends_are_counted_across_blocks(tmp_path: Path, step: int) -> None:
    # "a\r\n", "b\r", "c\n", "d": three line ends, wherever the blocks split them (a CRLF split in two is one)
    data = b"a\r\nb\rc\nd"
    f = tmp_path / "x.csv"
    f.write_bytes(data)
    assert readers.text_lines(data, step) == 3
    assert readers.text_lines(f, step) == 3


def test_a_roster_on_disk_is_never_read_whole(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("\ufeff" + UNITS_2015.replace("\n", "\r\n")).encode("utf-8")  # Excel's "CSV UTF-8": BOM and CRLF
    f = tmp_path / "units_2015-06-30.csv"
    f.write_bytes(data)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self.name} was read whole"))
    checked = check_bytes(db, f, f.name, "units", snapshot=SNAP)
    assert checked.ok and checked.rows == 7
    r = import_path(db, f, "units", snapshot=SNAP)
    assert r.ok and r.rows == 7
    towns = get_view(db, "towns").df.set_index("街镇")
    # as in test_towns_view: 安亭镇 在营 A1, A2, A3, A5; 已建会 A1, A2, A3; members 90 + 8 + 30 + 0
    assert tuple(towns.loc["安亭镇", ["在营单位数", "已建会单位数", "会员人数"]]) == (4, 3, 128)
    con = duckdb.connect(str(db), read_only=True)
    try:
        digest = con.execute("SELECT sha256 FROM imports WHERE id = $id", {"id": r.import_id}).fetchall()[0][0]
    finally:
        con.close()
    assert digest == hashlib.sha256(data).hexdigest()  # the history's checksum is the file's, read in blocks


def test_a_file_on_disk_and_its_bytes_give_the_same_problems(db: Path, tmp_path: Path) -> None:
    text = f"{UNITS_HEADER},报表日期\n{A1},甲公司,安亭镇,,,制造业,民营企业,否,十,0,在营,单独建会,,2010-01-01,5,0,2015-06-30\n"
    f = tmp_path / "u.csv"
    f.write_bytes(text.encode("gb18030"))  # an office's GB18030 file: the encoding found by reading it all
    from_disk = import_path(db, f, "units")
    from_bytes = import_bytes(db, text.encode("gb18030"), "u.csv", "units")
    assert not from_disk.ok and not from_bytes.ok
    assert [(p.row, p.column, p.key, p.value) for p in from_disk.problems] == \
        [(p.row, p.column, p.key, p.value) for p in from_bytes.problems] == [(2, "职工人数", "not_int", "十")]


def test_a_roster_read_in_many_small_blocks(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Arrow's CSV reader parses a block at a time: with blocks of 200 bytes the columns of a piece come in many
    # parts (below the 20 rows searched for the header); 60 units of 10 staff, 6 members each, every third
    # without a union: 40 with a union, 240 members
    monkeypatch.setattr(readers, "ARROW_BLOCK_BYTES", 200)
    codes = creditcode.generate(np.arange(1, 61), np.array(["91"] * 60))
    rows = [f"{c},单位{i},安亭镇,,,制造业,民营企业,否,10,0,在营,"
            + ("未建会,,,0,0" if i % 3 == 0 else "单独建会,,2010-01-01,6,0") for i, c in enumerate(codes)]
    f = tmp_path / "u.csv"
    f.write_bytes((UNITS_HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8"))
    sheet = readers.read_file(f, f.name)[0]
    frames = [frame for _, frame in sheet.frames]
    assert sum(len(frame) for frame in frames) == 61  # the header and 60 units
    assert pa.array(frames[-1][0]).num_chunks > 1  # the case: a piece in several blocks
    r = import_path(db, f, "units", snapshot=SNAP)
    assert r.ok and r.rows == 60
    towns = get_view(db, "towns").df.set_index("街镇")
    assert tuple(towns.loc["安亭镇", ["在营单位数", "已建会单位数", "会员人数"]]) == (60, 40, 240)
