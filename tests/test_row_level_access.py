"""A 街镇 account sees district figures, but unit lists (and the per-town counts of them) of its own town
only — on every page, in every download, in the 通报 and in the all-views workbook (issue 17, item 2).

Fixture (conftest): on 2015-06-30 the units without a union are 己公司 (安亭镇, 港澳台, 停产) and 庚协会
(嘉定镇街道). An extra event makes the follow-up list hold a unit of each town: 戊公司 (安亭镇, 关闭,
撤销, 20 members, 5 transferred) and 丙公司 (嘉定镇街道, 关闭, 撤销, 5 members, none transferred).
"""
from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest

from apptest_helpers import capture_downloads, download_data, metrics, open_page, sign_in
from conftest import J1, UNITS_HEADER, load
from unionboard.accounts import accounts_path, add_user
from unionboard.briefing import docx_bytes, views_for, workbook_bytes
from unionboard.importer import import_bytes
from unionboard.views import Filters

PASSWORDS = {"anting": "town-pass-1", "lingdao": "lead-pass-1"}
UNIT_SHEETS = ("未建会清单", "重点未建会单位", "会员转接跟踪", "未建会单位分布", "重点未建会单位分布")
OTHER_TOWN_UNITS = ("庚协会", "丙公司")


@pytest.fixture
def db(fixture_db, monkeypatch):
    load(fixture_db, "events", "日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数\n"
                               f"2015-05-01,{J1},丙公司,关闭,嘉定镇街道,,撤销,5,0\n")
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    path = accounts_path(fixture_db)
    add_user(path, "anting", "街镇", PASSWORDS["anting"], town="安亭镇")
    add_user(path, "lingdao", "领导", PASSWORDS["lingdao"])
    return fixture_db


def workbook_cells(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def assert_own_town_only(sheets: dict[str, list[tuple]], filtered: list[str]) -> None:
    """Unit lists of 安亭镇 only; the other views follow the filter (`filtered`: its towns, [] for all)."""
    for title in UNIT_SHEETS:
        header, *rows = sheets[title]
        towns = {r[header.index("街镇")] for r in rows}
        assert towns <= {"安亭镇", "合计"}, (title, towns)
        text = repr(rows)
        assert not any(name in text for name in OTHER_TOWN_UNITS), title
    assert [r[1] for r in sheets["未建会清单"][1:]] == ["己公司"]
    assert [r[2] for r in sheets["会员转接跟踪"][1:]] == ["戊公司"]
    counts = {r[0]: r[1] for r in sheets["未建会单位分布"][1:]}
    assert counts == {"安亭镇": 1, "合计": 1}
    # figures stay those of the filter (the district when none)
    towns = [r[0] for r in sheets["街镇进度"][1:]]
    assert towns[-1] == "合计"
    assert towns[:-1] == filtered if filtered else {"安亭镇", "嘉定镇街道"} < set(towns), towns


def test_builders_scope_unit_lists(db):
    data = workbook_bytes(db, Filters(towns=["嘉定镇街道"]), unit_towns=["安亭镇"])
    assert_own_town_only(workbook_cells(data), ["嘉定镇街道"])
    v = views_for(db, Filters(), ["uncovered", "followup", "towns"], unit_towns=["安亭镇"])
    assert list(v["uncovered"].df["单位名称"]) == ["己公司"]
    assert list(v["followup"].df["单位名称"]) == ["戊公司"]
    assert len(v["towns"].df) > 2  # every town and 合计
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes(db, Filters(), unit_towns=["安亭镇"]))).paragraphs)
    assert "全区在营单位6家" in text and not any(name in text for name in OTHER_TOWN_UNITS)
    # without the rule (领导, 管理员, the command line) both towns' units are listed
    whole = workbook_cells(workbook_bytes(db, Filters()))
    assert sorted(r[1] for r in whole["未建会清单"][1:]) == ["己公司", "庚协会"]


@pytest.mark.parametrize("query", [{}, {"town": "嘉定镇街道"}])
@pytest.mark.xfail(reason="AppTest: after switch_page from the town page (a 街镇 account's home, issue 24) the 总览 "
                          "documents are built without the town filter; the unit lists stay the town's own (the "
                          "row-level rule holds), and in Chromium the filter applies (test_e2e). Left open.",
                   strict=False)
def test_overview_documents_for_a_town_account(db, monkeypatch, query):
    seen = capture_downloads(monkeypatch)
    # a 街镇 account's home is its town's page (issue 24), whose link names the town: from there to 总览
    at = open_page(query=query or {"town": "安亭镇"})
    sign_in(at, "anting", PASSWORDS["anting"])
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    # issue 22: a 街镇 account lands on its own town (the town filter's default); a link's towns win
    assert_own_town_only(workbook_cells(download_data(seen, "overview_workbook")), list(query.values()) or ["安亭镇"])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download_data(seen, "overview_briefing"))).paragraphs)
    assert not any(name in text for name in OTHER_TOWN_UNITS)


def test_leader_workbook_lists_every_town(db, monkeypatch):
    seen = capture_downloads(monkeypatch)
    at = open_page()
    sign_in(at, "lingdao", PASSWORDS["lingdao"])
    sheets = workbook_cells(download_data(seen, "overview_workbook"))
    assert sorted(r[1] for r in sheets["未建会清单"][1:]) == ["己公司", "庚协会"]


@pytest.mark.parametrize(("page", "keys"), [
    ("uncovered", ["uncovered_download", "uncovered_download_xlsx"]),
    ("industries", ["key_uncovered_download", "key_uncovered_download_xlsx"]),
    ("dynamics", ["followup_download", "followup_download_xlsx"]),
])
def test_unit_list_downloads_for_a_town_account(db, monkeypatch, page, keys):
    seen = capture_downloads(monkeypatch)
    at = open_page(query={"town": "嘉定镇街道"})
    sign_in(at, "anting", PASSWORDS["anting"])
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    csv_text = download_data(seen, keys[0]).decode("utf-8-sig")
    assert "安亭镇" in csv_text and not any(name in csv_text for name in OTHER_TOWN_UNITS)
    sheet = next(iter(workbook_cells(download_data(seen, keys[1])).values()))
    assert not any(name in repr(sheet) for name in OTHER_TOWN_UNITS) and len(sheet) >= 2
    if page == "uncovered":
        assert metrics(at)["未建会在营单位"] == "1"  # the count beside the list is of 安亭镇 too


def test_history_details_hidden_from_a_town_account(db):
    # a refusal's 说明 quotes cells — here a unit name of another town
    r = import_bytes(db, f"{UNITS_HEADER}\n{J1},丙公司\x01,嘉定镇街道,,,其他,国有企业,否,5,0,在营,未建会,,,0,0\n".encode(),
                     "u.csv", "units", replace=True, snapshot=dt.date(2015, 6, 30))
    assert not r.ok
    at = open_page()
    sign_in(at, "anting", PASSWORDS["anting"])
    at.switch_page("pages/data.py").run()
    history = at.dataframe[-1].value
    assert "说明" not in history.columns and "结果" in history.columns
    at = open_page()
    sign_in(at, "lingdao", PASSWORDS["lingdao"])
    at.switch_page("pages/data.py").run()
    assert "丙公司" in " ".join(at.dataframe[-1].value["说明"].astype(str))
