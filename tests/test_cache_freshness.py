"""Caches never show stale numbers: after an import, the next rerun of an open page shows the new data.

Views, charts, tables and CSV bytes are cached per data version (the database file's inode, mtime and
size), and an import replaces the file, so nothing needs invalidating by hand; this checks it end to end.
"""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_helpers import metrics, open_page, texts
from conftest import J1, UNITS_2015
from unionboard.importer import import_bytes


@pytest.fixture(autouse=True)
def _db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))


def test_open_page_shows_an_import_on_its_next_rerun(fixture_db):
    from ui.context import CTX_KEY
    from ui.data import view
    from ui.downloads import download_bytes

    at = open_page()
    assert metrics(at)["会员"] == "173"
    assert "会员173人" in texts(at)
    chart_before = at.get("plotly_chart")[1].proto.spec  # 建会率 and 入会率 over time
    ctx = at.session_state[CTX_KEY]
    csv_before = download_bytes(ctx, view(ctx, "towns"))

    # 丙公司 (嘉定镇街道) reports 50 members instead of 45 in a corrected 2015-06-30 roster
    old = f"{J1},丙公司,嘉定镇街道,,,现代服务业,国有企业,否,50,0,在营,单独建会,,2012-05-01,45,0"
    assert old in UNITS_2015
    corrected = UNITS_2015.replace(old, old.replace(",45,0", ",50,0"))
    r = import_bytes(fixture_db, corrected.encode(), "u.csv", "units", snapshot=dt.date(2015, 6, 30), replace=True)
    assert r.ok

    at.run()
    assert metrics(at)["会员"] == "178"
    assert "会员178人" in texts(at)
    assert at.get("plotly_chart")[1].proto.spec != chart_before  # the trend chart was rebuilt
    ctx = at.session_state[CTX_KEY]
    csv_after = download_bytes(ctx, view(ctx, "towns"))
    assert csv_after != csv_before and ",178," in csv_after.decode("utf-8-sig")
