"""The as-of default (METRICS.md "The as-of date"; issues 22 and 28): the latest CLOSED report date — every
town has reported for it, or its due day (报表日期 + due_days, default 5) has passed — never a month still
coming in; the month coming in is offered beside it, labelled 「2015年7月报送中：1/12 个街镇已报送」. One
rule (queries/report_dates_closed.sql) for views.resolve (the command line, the 通报) and the as-of picker.

reports_db (conftest): 2014-12-31 安亭镇 and 马陆镇; 2015-05-31 安亭镇, 马陆镇, 南翔镇; 2015-06-30 安亭镇 only —
of the dictionary's 12 towns. The due day of 2015-06-30 is 2015-07-05 (待报 up to and including it).
"""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_helpers import open_page
from conftest import A1, UNITS_HEADER, load, roster, row
from unionboard.cli import main
from unionboard.creditcode import check_char
from unionboard.importer import set_setting
from unionboard.store import connect_read
from unionboard.views import DateChoice, Filters, get_view, report_date_choices, town_lookup

D14, D05, D06 = dt.date(2014, 12, 31), dt.date(2015, 5, 31), dt.date(2015, 6, 30)


def choices(db, today: dt.date) -> list[DateChoice]:
    con = connect_read(db)
    try:
        return report_date_choices(con, today)
    finally:
        con.close()


def test_a_month_still_coming_in_is_not_the_default(reports_db):
    # 2015-07-03: June has 1 of 12 towns and its due day (07-05) has not passed → May (due 06-05, passed)
    assert choices(reports_db, dt.date(2015, 7, 3)) == [
        DateChoice(D06, 1, 12, False, False), DateChoice(D05, 3, 12, True, True), DateChoice(D14, 2, 12, True, False)]
    resolved = get_view(reports_db, "towns", Filters(today=dt.date(2015, 7, 3))).resolved
    assert resolved.snapshot == D05
    assert resolved.notes()[-1] == "2015年6月报送中：1/12 个街镇已报送"
    assert [c.label("en") for c in resolved.coming_in] == ["2015-06 reports coming in: 1/12 towns have reported"]
    # on the due day itself June is still coming in; the day after, it is closed and the default
    assert get_view(reports_db, "towns", Filters(today=dt.date(2015, 7, 5))).resolved.snapshot == D05
    later = get_view(reports_db, "towns", Filters(today=dt.date(2015, 7, 6))).resolved
    assert (later.snapshot, later.coming_in) == (D06, [])
    # an explicit date is what it says, closed or not
    assert get_view(reports_db, "towns", Filters(as_of=D06, today=dt.date(2015, 7, 3))).resolved.snapshot == D06


def test_the_due_days_setting_moves_the_closing(reports_db):
    set_setting(reports_db, "due_days", "1")  # June closes after 2015-07-01
    assert get_view(reports_db, "towns", Filters(today=dt.date(2015, 7, 2))).resolved.snapshot == D06
    assert get_view(reports_db, "towns", Filters(today=dt.date(2015, 7, 1))).resolved.snapshot == D05


def test_every_town_reported_closes_a_date_before_its_due_day(empty_db):
    con = connect_read(empty_db)
    towns, _ = town_lookup(con)
    con.close()
    codes = [c + check_char(c) for c in (f"9131011431000{n:04d}" for n in range(len(towns)))]
    load(empty_db, "units", roster(*(row(code, town, 10, 0) for code, town in zip(codes, towns, strict=True))),
         snapshot=D06)
    # received (now) on 2015-07-01, before the due day: all 12 reported → closed at once
    assert choices(empty_db, dt.date(2015, 7, 1)) == [DateChoice(D06, 12, 12, True, True)]


def test_no_closed_date_yet_takes_the_earliest(empty_db):
    load(empty_db, "units", roster(row(A1, "安亭镇", 10, 0)), snapshot=D05)
    load(empty_db, "units", roster(row(A1, "安亭镇", 10, 0)), snapshot=D06)
    assert [c.is_default for c in choices(empty_db, dt.date(2015, 6, 2))] == [False, True]


@pytest.fixture
def coming_in_today(fixture_db, monkeypatch):
    """The fixture (2014-12-31 and 2015-06-30, both closed long ago) plus 安亭镇's report dated today (the
    real clock: the page and the command line read it): 1 of 12 towns, due in 5 days — still coming in."""
    today = dt.date.today()
    load(fixture_db, "units", f"{UNITS_HEADER}\n{A1},甲公司,安亭镇,,,制造业,民营企业,否,100,0,在营,单独建会,,2010-01-01,95,0\n",
         snapshot=today)
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    return fixture_db, today


def test_command_line_default_is_the_latest_closed_date(coming_in_today, capsys):
    db, today = coming_in_today
    assert main(["export", "towns", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "2015-06-30" in err.splitlines()[0]
    assert f"{today.year}年{today.month}月报送中：1/12 个街镇已报送" in err
    assert f"（查看该月：--as-of {today.isoformat()}）" in err
    assert main(["export", "towns", "--db", str(db), "--as-of", today.isoformat()]) == 0
    assert today.isoformat() in capsys.readouterr().err.splitlines()[0]


def test_the_picker_defaults_to_the_closed_date_and_labels_the_open_month(coming_in_today):
    db, today = coming_in_today
    for page in ("overview", "meeting"):
        at = open_page(page)
        picker = at.selectbox(key="asof")
        assert picker.value == "2015-06-30", page
        assert picker.options[0] == f"{today.isoformat()}（报送中 1/12）"
        assert f"{today.year}年{today.month}月报送中：1/12 个街镇已报送" in [c.value for c in at.sidebar.caption]
        assert picker.options[1:] == ["2015-06-30", "2014-12-31"]
    # the month coming in is one click away, and then read
    at = open_page("overview")
    at.selectbox(key="asof").set_value(today.isoformat()).run()
    assert not at.exception and at.session_state["ub_ctx"].as_of == today
