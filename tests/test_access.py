"""Accounts and roles (领导 / 街镇 / 管理员), read-only without accounts, and rollback."""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_helpers import metrics, open_page, texts
from conftest import A1, UNITS_HEADER, load
from unionboard.accounts import accounts_path, add_user, verify
from unionboard.accounts import load as load_users
from unionboard.cli import main
from unionboard.views import get_view, table

PASSWORDS = {"lingdao": "lead-pass-1", "anting": "town-pass-1", "admin": "admin-pass-1"}


@pytest.fixture
def accounts(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    path = accounts_path(fixture_db)
    add_user(path, "lingdao", "领导", PASSWORDS["lingdao"])
    add_user(path, "anting", "街镇", PASSWORDS["anting"], town="安亭镇")
    add_user(path, "admin", "管理员", PASSWORDS["admin"])
    return fixture_db


def signed_in(name: str, page: str | None = None, password: str | None = None):
    at = open_page()
    assert "登录" in [b.label for b in at.button]
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password or PASSWORDS[name])
    at.button[0].click().run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    return at


def test_passwords_are_stored_hashed(accounts):
    text = accounts_path(accounts).read_text(encoding="utf-8")
    assert "admin-pass-1" not in text and "$2b$" in text
    users = load_users(accounts_path(accounts))
    assert verify(users, "admin", "admin-pass-1").role == "管理员"
    assert verify(users, "admin", "wrong") is None and verify(users, "nobody", "x") is None


def test_nothing_shown_before_signing_in(accounts):
    at = open_page()
    assert metrics(at) == {}
    at.text_input(key="auth_name").input("admin")
    at.text_input(key="auth_password").input("wrong-password")
    at.button[0].click().run()
    assert "用户名或密码不正确" in [e.value for e in at.error]
    assert metrics(at) == {}


def test_leader_sees_all_but_cannot_import(accounts):
    at = signed_in("lingdao")
    assert metrics(at)["在营单位"] == "6"
    at.switch_page("pages/data.py").run()
    assert "只有管理员可以导入和回退数据" in texts(at)
    assert not at.get("file_uploader")


def test_town_account_sees_own_units_only(accounts):
    at = signed_in("anting", "uncovered")
    shown = at.dataframe[0].value
    assert list(shown["街镇"]) == ["安亭镇"]  # 嘉定镇街道's 庚协会 is not listed
    assert "单位名单只显示本街镇（安亭镇）" in texts(at)
    at.switch_page("pages/overview.py").run()
    # issue 22: a 街镇 account lands on its own town; clearing the filter shows the district
    assert at.multiselect(key="town").value == ["安亭镇"]
    at.multiselect(key="town").set_value([]).run()
    assert metrics(at)["在营单位"] == "6"  # district figures stay visible


def test_admin_can_upload_and_roll_back(accounts):
    at = signed_in("admin", "data")
    assert at.get("file_uploader")
    assert "回退" in [e.label for e in at.expander]


def test_without_accounts_read_only(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    at = open_page("data")
    assert "看板当前为只读" in texts(at)
    assert not at.get("file_uploader")
    assert len(at.dataframe) == 2  # snapshots and history are still shown


def test_cli_user_add(fixture_db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("secret-pass\n"))
    assert main(["user", "add", "zhou", "--role", "街镇", "--town", "安亭", "--password-stdin", "--db", str(fixture_db)]) == 0
    assert verify(load_users(accounts_path(fixture_db)), "zhou", "secret-pass").town == "安亭镇"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("short\n"))
    assert main(["user", "add", "x", "--role", "领导", "--password-stdin", "--db", str(fixture_db)]) == 2


def test_rollback_restores_and_keeps_history(fixture_db, capsys):
    before = get_view(fixture_db, "towns").df
    load(fixture_db, "units", f"{UNITS_HEADER}\n{A1},甲,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0\n",
         snapshot=dt.date(2015, 7, 31))
    after = get_view(fixture_db, "towns")
    # 安亭镇's July report (1 unit) and 嘉定镇街道 carried forward from June (2 active units)
    assert after.df.iloc[-1]["在营单位数"] == 3
    assert after.resolved.carried == {"嘉定镇街道": dt.date(2015, 6, 30)}
    hist = table(fixture_db, "import_history")
    last_id = int(hist.iloc[0]["编号"])
    assert main(["rollback", str(last_id), "--db", str(fixture_db)]) == 0
    assert get_view(fixture_db, "towns").df.equals(before)
    hist2 = table(fixture_db, "import_history")
    assert len(hist2) == len(hist) + 1 and hist2.iloc[0]["结果"] == "已回退"
    assert f"#{last_id}" in hist2.iloc[0]["说明"]
    # the rollback itself changed data: it can be rolled back too (redo)
    assert main(["rollback", str(int(hist2.iloc[0]["编号"])), "--db", str(fixture_db)]) == 2
    capsys.readouterr()


def test_rollback_refusals(fixture_db, capsys):
    assert main(["rollback", "999", "--db", str(fixture_db)]) == 2
    assert "没有第 999 次导入" in capsys.readouterr().err
    from unionboard.importer import import_bytes
    r = import_bytes(fixture_db, b"junk", "bad.csv", "units")
    assert not r.ok
    assert main(["rollback", str(r.import_id), "--db", str(fixture_db)]) == 2
    assert "无需回退" in capsys.readouterr().err


def test_rollback_of_a_report_withdraws_exactly_that_report(fixture_db):
    hist = table(fixture_db, "import_history")
    first_units = int(hist[hist["数据类型"] == "units"]["编号"].min())  # the 2014-12-31 reports
    assert main(["rollback", str(first_units), "--db", str(fixture_db)]) == 0
    # the later reports (2015-06-30) were not touched
    assert list(table(fixture_db, "snapshot_list")["报表日期"]) == [dt.date(2015, 6, 30)]
    assert len(table(fixture_db, "import_history")) == len(hist) + 1


def test_rollback_of_an_earlier_dictionary_import_undoes_later_ones(fixture_db):
    hist = table(fixture_db, "import_history")
    targets = int(hist[hist["数据类型"] == "targets"]["编号"].min())  # imported before every report
    assert main(["rollback", str(targets), "--db", str(fixture_db)]) == 0
    assert list(table(fixture_db, "snapshot_list")["报表日期"]) == []
    assert len(table(fixture_db, "import_history")) == len(hist) + 1
