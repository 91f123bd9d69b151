"""Injection: SQL, HTML and formula payloads in upload names, cells and URLs stay inert text."""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_helpers import open_page
from conftest import A1, A2, UNITS_HEADER, load
from unionboard.export import csv_bytes
from unionboard.importer import import_bytes
from unionboard.views import get_view, table

SQL = "'); DROP TABLE units; --"
HTML = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil","x")'


@pytest.fixture
def db(empty_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(empty_db))
    load(empty_db, "towns", "街镇,类型,别名\n<b>新镇</b>,镇,\n")
    load(empty_db, "targets", "年度,街镇,指标,目标值\n2015,<b>新镇</b>,新建会单位数,10\n")
    text = (f"{UNITS_HEADER}\n"
            f'{A1},"{SQL}",<b>新镇</b>,{HTML},,制造业,民营企业,否,30,0,在营,未建会,,,0,0\n'
            f'{A2},"{FORMULA.replace(chr(34), chr(34) * 2)}",安亭,,,制造业,民营企业,否,40,0,在营,未建会,,,0,0\n')
    load(empty_db, "units", text, snapshot=dt.date(2015, 6, 30))
    return empty_db


def test_cells_are_stored_and_exported_as_text(db):
    df = get_view(db, "uncovered").df
    assert set(df["单位名称"]) == {SQL, FORMULA}
    assert HTML in set(df["村居园区"])
    csv = csv_bytes(df).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv
    assert table(db, "snapshot_list")["报送单位数"].tolist() == [2]  # the DROP did nothing


def test_upload_names_are_text(db):
    name = f"../../{HTML}{SQL}.csv"
    r = import_bytes(db, b"junk", name, "units")
    assert not r.ok
    hist = table(db, "import_history")
    assert hist.iloc[0]["文件名"] == f"{HTML}{SQL}.csv"  # no path, nothing executed
    assert table(db, "snapshot_list")["报送单位数"].tolist() == [2]


def test_pages_show_payloads_inert(db):
    at = open_page("uncovered")
    assert set(at.dataframe[0].value["单位名称"]) == {SQL, FORMULA}
    at.switch_page("pages/overview.py").run()
    html = "\n".join(m.value for m in at.markdown)
    assert "<b>新镇</b>" not in html and "&lt;b&gt;新镇&lt;/b&gt;" in html
    assert not at.exception


@pytest.mark.parametrize("query", [{"town": SQL}, {"town": HTML}, {"asof": SQL}, {"industry": HTML}, {"lang": SQL}])
def test_url_payloads(db, query):
    at = open_page("towns", query=query)
    assert not at.exception
    assert list(at.dataframe[1].value["在营单位数"])[-1] == 2  # the towns table, after the ranking
