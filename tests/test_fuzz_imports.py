"""Fuzzing the importer: thousands of mutated files give "imported" or a clear refusal, never a
traceback and never a partial import. Limits are enforced before parsing; zip bombs are refused."""
from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import UNITS_2015, load
from spreadsheets import MERGES, html_xls_bytes, ods_bytes, town_sheet, xls_bytes, xlsx_bytes
from unionboard.importer import ImportResult, check_bytes, import_bytes, load_context, validate_file
from unionboard.store import connect_read

SNAP = dt.date(2015, 6, 30)
GOOD = UNITS_2015.replace(",联合建会,安亭红星村工会联合会,", ",单独建会,,").replace(",嘉亭荟,", ",,")
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from unionboard.importer import create_database
    path = tmp_path_factory.mktemp("fuzz") / "f.duckdb"
    create_database(path)
    return path


@pytest.fixture(scope="module")
def ctx(db):
    """The database's dictionaries, loaded once: the bulk of the fuzzing validates in memory."""
    con = connect_read(db)
    try:
        return load_context(con)
    finally:
        con.close()


def check(ctx, data: bytes, name: str = "u.csv") -> ImportResult:
    """validate_file on a fresh copy of the context (the path check_bytes and import_bytes take)."""
    fresh = copy.deepcopy(ctx)
    return validate_file(fresh, data, name, "units", snapshot=SNAP)[1]


def assert_clean(result: ImportResult) -> None:
    """Either accepted with no problems, or refused with problems that all render as text."""
    assert isinstance(result, ImportResult)
    if result.ok:
        assert result.problems == []
    else:
        assert result.problems
        for p in result.problems:
            assert p.line("zh") and p.line("en")


def mutate(data: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    buf = bytearray(data)
    for kind, pos, val in ops:
        if not buf:
            break
        i = pos % len(buf)
        if kind == 0:
            buf[i] = val
        elif kind == 1:
            buf.insert(i, val)
        elif kind == 2:
            del buf[i]
        else:
            buf = buf[:i]
    return bytes(buf)


ops = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8)


@SETTINGS
@given(ops=ops, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_byte_mutations(ctx, ops, encoding):
    assert_clean(check(ctx, mutate(GOOD.encode(encoding), ops)))


cell = st.one_of(st.text(max_size=12), st.sampled_from(["", "=1+1", "-5", "1,234", "是", "2015年2月30日", "\u3000",
                                                          "99999999999999999999", "NaN", "None", "'", '"', "\r\n"]))


@SETTINGS
@given(row=st.integers(1, 7), col=st.integers(0, 15), value=cell, header_col=st.integers(0, 15),
       header=st.one_of(st.none(), st.text(max_size=6)))
def test_cell_and_header_mutations(ctx, row, col, value, header_col, header):
    lines = GOOD.strip().split("\n")
    rows = [line.split(",") for line in lines]
    rows[row][col] = value
    if header is not None:
        rows[0][header_col] = header
    text = "\n".join(",".join(r) for r in rows)
    assert_clean(check(ctx, text.encode("utf-8")))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(ops=ops)
def test_refused_imports_change_nothing(db, ops):
    con = connect_read(db)
    before = con.execute("SELECT count(*), coalesce(sum(members), 0) FROM units").fetchall()
    con.close()
    result = import_bytes(db, mutate(GOOD.encode(), ops), "u.csv", "units", snapshot=SNAP, replace=True)
    assert_clean(result)
    con = connect_read(db)
    after = con.execute("SELECT count(*), coalesce(sum(members), 0) FROM units").fetchall()
    con.close()
    if not result.ok:
        assert after == before


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(values=st.lists(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True),
                                 st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8), st.booleans(),
                                                            st.datetimes(min_value=dt.datetime(1900, 1, 1))),
                                                  min_size=1, max_size=16))
def test_xlsx_cells(ctx, values):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(GOOD.split("\n")[0].split(","))
    ws.append([str(v) if isinstance(v, str) and v.startswith("=") else v for v in values])
    buf = io.BytesIO()
    wb.save(buf)
    assert_clean(check(ctx, buf.getvalue(), "u.xlsx"))


# Seeds in the shapes towns send (issue 13): title rows, a two-row merged header, 序号, a town merged down,
# a 合计 row, a footer — as XLSX, XLS, ODS, HTML saved as .xls and CSV. Mutations start from these.
def _shape_rows() -> list[list[object]]:
    return [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in town_sheet()]


def _csv_shape() -> bytes:
    """The shape as a CSV export gives it: no merges, so the town is written in every unit row."""
    rows = _shape_rows()
    for row in rows[4:8]:
        row[3] = "马陆"
    return "\n".join(",".join("" if v is None else str(v).replace("\n", " ") for v in row)
                     for row in rows).encode("gb18030")


SEEDS = {
    "shape.xlsx": lambda: xlsx_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]}),
    "shape.xls": lambda: xls_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]}),
    "shape.ods": lambda: ods_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]}),
    "shape_html.xls": lambda: html_xls_bytes(_shape_rows(), MERGES),
    "shape.csv": _csv_shape,
}
SEED_BYTES = {name: build() for name, build in SEEDS.items()}
# the part of a package a mutation should reach (mutating the zip itself only tests the zip checksum)
INNER = {"shape.xlsx": "xl/worksheets/sheet1.xml", "shape.ods": "content.xml"}


def mutate_seed(name: str, ops: list[tuple[int, int, int]]) -> bytes:
    """A seed with its bytes mutated; for XLSX and ODS the sheet's XML inside the package."""
    data = SEED_BYTES[name]
    if name not in INNER:
        return mutate(data, ops)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, mutate(body, ops) if info.filename == INNER[name] else body)
    return out.getvalue()


@pytest.mark.parametrize("name", list(SEEDS))
def test_seed_shapes_import(ctx, name):
    r = check(ctx, SEED_BYTES[name], name)
    assert r.ok, [p.line() for p in r.problems]
    assert r.rows == 4 and [p.key for p in r.warnings][-1] == "total_mismatch"


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(name=st.sampled_from(list(SEEDS)), ops=ops)
def test_shape_byte_mutations(ctx, name, ops):
    assert_clean(check(ctx, mutate_seed(name, ops), name))


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(name=st.sampled_from(["shape.xlsx", "shape.xls", "shape.ods", "shape_html.xls"]), row=st.integers(0, 10),
       col=st.integers(0, 15), value=st.one_of(cell, st.integers(-10, 10**9), st.sampled_from(["合计", "小计", "注：", "序号"])),
       merge=st.one_of(st.none(), st.tuples(st.integers(1, 11), st.integers(1, 16), st.integers(0, 3), st.integers(0, 2))))
def test_shape_cell_mutations(ctx, name, row, col, value, merge):
    rows = [list(r) + [None] * (16 - len(r)) for r in town_sheet()]
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch.isprintable() or ch == "\n")  # what a cell of each format holds
    rows[row][col] = value
    merges = list(MERGES)
    if merge is not None:
        r1, c1, dr, dc = merge
        new = (r1, c1, min(r1 + dr, 11), min(c1 + dc, 16))
        if not any(m[0] <= new[2] and new[0] <= m[2] and m[1] <= new[3] and new[1] <= m[3] for m in merges):
            merges.append(new)
    if name == "shape.xlsx":
        data = xlsx_bytes({"单位名册": rows}, merges={"单位名册": merges})
    elif name == "shape.xls":
        data = xls_bytes({"单位名册": rows}, merges={"单位名册": merges})
    elif name == "shape.ods":
        data = ods_bytes({"单位名册": rows}, merges={"单位名册": merges})
    else:
        data = html_xls_bytes([[v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in rows], merges)
    assert_clean(check(ctx, data, name))


def test_file_size_limit_refused_before_parsing(db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_FILE_MB", "0.001")
    r = check_bytes(db, GOOD.encode() * 10, "u.csv", "units", snapshot=SNAP)
    assert not r.ok and "文件过大" in r.problems[0].line()


def test_row_limit_refused_before_parsing(db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_ROWS", "3")
    r = check_bytes(db, GOOD.encode(), "u.csv", "units", snapshot=SNAP)
    assert not r.ok and "行数过多" in r.problems[0].line()


def test_xlsx_zip_bomb_refused(db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_MAX_XLSX_UNPACKED_MB", "5")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros, ~50 KB packed
    data = buf.getvalue()
    assert len(data) < 200_000
    r = check_bytes(db, data, "bomb.xlsx", "units", snapshot=SNAP)
    assert not r.ok and "文件过大" in r.problems[0].line()


def test_not_a_workbook(db):
    r = check_bytes(db, b"PK\x03\x04garbage", "x.xlsx", "units")
    assert not r.ok and r.problems[0].key == "bad_file"


def test_good_file_still_imports(db):
    load(db, "units", GOOD, snapshot=dt.date(2015, 7, 31))
