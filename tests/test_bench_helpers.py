"""The benchmark's own pieces do what its numbers claim (python -m bench; no timing is asserted here).

The whole roster the bench imports is exactly the towns' reports joined; a town's report of the next month
is the rows it says, dated as it says; a clone shares the report files and leaves the original database
as it was; the cold-page filter combinations never repeat; the websocket client speaks Streamlit's protocol
well enough to change the town and read the KPI a browser would show.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path

from bench.__main__ import clone, combinations, town_report, whole_roster
from conftest import A1, A2, M1, UNITS_HEADER, row
from unionboard.importer import import_bytes
from unionboard.kinds import INDUSTRIES
from unionboard.store import reports_dir
from unionboard.views import Filters, get_view

BOM = "\ufeff"


def _dated(rows: list[str], date: str) -> str:
    """A generated town report: the units header with 报表日期, each row dated."""
    return BOM + UNITS_HEADER + ",报表日期\n" + "".join(f"{r},{date}\n" for r in rows)


def _active(db: Path, town: str, as_of: dt.date | None = None) -> int:
    df = get_view(db, "towns", Filters(as_of)).df
    return int(df.loc[df["街镇"] == town, "在营单位数"].iloc[0])


def test_whole_roster_is_the_town_reports_under_one_header(tmp_path, empty_db):
    anting = tmp_path / "units_2015-06-30_安亭镇.csv"
    malu = tmp_path / "units_2015-06-30_马陆镇.csv"
    anting.write_text(_dated([row(A1, "安亭镇", 100, 80, "2010-01-01"), row(A2, "安亭镇", 10, 0)], "2015-06-30"),
                      encoding="utf-8")
    malu.write_text(_dated([row(M1, "马陆镇", 50, 40, "2010-01-01")], "2015-06-30"), encoding="utf-8")
    whole = whole_roster([anting, malu], tmp_path / "units_2015-06-30.csv")
    text = whole.read_text(encoding="utf-8")
    assert text == _dated([row(A1, "安亭镇", 100, 80, "2010-01-01"), row(A2, "安亭镇", 10, 0),
                           row(M1, "马陆镇", 50, 40, "2010-01-01")], "2015-06-30")
    result = import_bytes(empty_db, whole.read_bytes(), whole.name, "units")
    assert result.ok and result.rows == 3
    assert [(p.town, p.rows) for p in result.reports] == [("安亭镇", 2), ("马陆镇", 1)]


def test_town_report_keeps_its_first_rows_dated_the_next_month(tmp_path, empty_db):
    src = tmp_path / "units_2015-06-30_安亭镇.csv"
    rows = [row(A1, "安亭镇", 100, 80, "2010-01-01"), row(A2, "安亭镇", 10, 0)]
    src.write_text(_dated(rows, "2015-06-30"), encoding="utf-8")
    assert import_bytes(empty_db, src.read_bytes(), src.name, "units", town="安亭镇").ok
    out = town_report(src, tmp_path / "july.csv", 1, dt.date(2015, 7, 31))
    assert out.read_text(encoding="utf-8") == _dated(rows[:1], "2015-07-31")
    whole = town_report(src, tmp_path / "july_whole.csv", None, dt.date(2015, 7, 31))
    assert whole.read_text(encoding="utf-8") == _dated(rows, "2015-07-31")
    result = import_bytes(empty_db, out.read_bytes(), out.name, "units", town="安亭镇")
    assert result.ok and [(p.snapshot, p.town, p.rows, p.previous_rows) for p in result.reports] == \
        [(dt.date(2015, 7, 31), "安亭镇", 1, 2)]
    assert _active(empty_db, "安亭镇") == 1 and _active(empty_db, "安亭镇", dt.date(2015, 6, 30)) == 2


def test_a_clone_shares_the_report_files_and_leaves_the_database_as_it_was(tmp_path, reports_db):
    copy = clone(reports_db, tmp_path / "clone")
    originals = sorted(reports_dir(reports_db).glob("*.parquet"))
    assert originals and all(os.stat(f).st_ino == os.stat(reports_dir(copy) / f.name).st_ino for f in originals)
    july = _dated([row(A1, "安亭镇", 100, 90, "2010-01-01")], "2015-07-31").encode("utf-8")
    assert import_bytes(copy, july, "units_2015-07-31_安亭镇.csv", "units", town="安亭镇").ok
    # the clone has the July report (安亭镇: one unit); the original still ends in June (A1, A2)
    assert get_view(copy, "towns").resolved.snapshot == dt.date(2015, 7, 31) and _active(copy, "安亭镇") == 1
    assert get_view(reports_db, "towns").resolved.snapshot == dt.date(2015, 6, 30)
    assert _active(reports_db, "安亭镇") == 2
    assert sorted(reports_dir(reports_db).glob("*.parquet")) == originals


def test_cold_combinations_never_repeat_nor_give_the_opening_state(reports_db):
    fresh = combinations(reports_db)
    picks = [next(fresh) for _ in range(200)]
    assert len(set(picks)) == 200
    assert ("2015-06-30", (), "全部") not in picks  # what a page opens with: its warm-up run
    assert {p[0] for p in picks} <= {"2014-12-31", "2015-05-31", "2015-06-30"}
    towns = get_view(reports_db, "towns").df["街镇"].tolist()
    assert all(set(p[1]) <= set(towns) and len(p[1]) <= 3 and list(p[1]) == sorted(p[1]) for p in picks)
    assert {p[2] for p in picks} <= {"全部", *INDUSTRIES} and "全部" in {p[2] for p in picks}


def test_the_session_client_changes_the_town_as_a_browser_does(fixture_db):
    from bench.live import Session, server

    async def run(url: str) -> tuple[str | None, str | None, str | None, float]:
        s = Session(url)
        await s.open()
        opened, town_id = s.kpi, s.town_id
        ms = await s.rerun(["安亭镇"])
        picked = s.kpi
        await s.close()
        return opened, town_id, picked, ms

    with server(Path(__file__).resolve().parent.parent / "dashboard.py", fixture_db) as (url, _):
        opened, town_id, picked, ms = asyncio.run(run(url))
    # 在营单位 of the fixture: 6 in the district, 4 in 安亭镇 (as tests/test_e2e.py reads them in Chromium)
    assert (opened, picked) == ("6", "4")
    assert town_id is not None and town_id.endswith("-town") and ms > 0
