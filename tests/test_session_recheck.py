"""The signed-in account is checked against accounts.toml on every rerun: a role, town or password
changed on the server, or the user removed, ends the session at once (issue 17, item 4)."""
from __future__ import annotations

import pytest

from apptest_helpers import metrics, open_page, sign_in, texts
from unionboard.accounts import accounts_path, add_user, current, verify
from unionboard.accounts import load as load_users
from unionboard.signin import history, log_path

ADMIN, LEAD = "admin-pass-1", "lead-pass-1"


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "admin", "管理员", ADMIN)
    add_user(accounts_path(fixture_db), "lingdao", "领导", LEAD)
    return fixture_db


def admin_on_data_page():
    at = open_page()
    sign_in(at, "admin", ADMIN)
    at.switch_page("pages/data.py").run()
    assert at.get("file_uploader") and "回退" in [e.label for e in at.expander]
    return at


def test_admin_demoted_on_disk_loses_upload_and_rollback(db):
    at = admin_on_data_page()
    add_user(accounts_path(db), "admin", "领导", ADMIN)  # same password, role 领导
    at.run()
    assert not at.exception
    assert not at.get("file_uploader")
    assert "回退" not in [e.label for e in at.expander] and "data_rollback" not in [b.key for b in at.button]
    assert "账户已在服务器上更改或删除" in texts(at)
    assert metrics(at) == {} and "auth_user" not in at.session_state
    # signing in again gives the new role's rights only
    sign_in(at, "admin", ADMIN)
    at.switch_page("pages/data.py").run()
    assert "只有管理员可以导入和回退数据" in texts(at) and not at.get("file_uploader")
    assert [e.event for e in history(log_path(accounts_path(db)))][:3] == ["success", "ended", "success"]


def test_password_change_or_removal_ends_the_session(db):
    at = open_page()
    sign_in(at, "lingdao", LEAD)
    assert metrics(at)["在营单位"] == "6"
    add_user(accounts_path(db), "lingdao", "领导", "new-pass-123")
    at.run()
    assert metrics(at) == {} and "请重新登录" in texts(at)
    sign_in(at, "lingdao", "new-pass-123")
    assert metrics(at)["在营单位"] == "6"
    # removed from the file: the next rerun shows the sign-in form
    path = accounts_path(db)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('[users."lingdao"]')], encoding="utf-8")
    at.run()
    assert metrics(at) == {} and "登录" in [b.label for b in at.button]


def test_current_compares_role_town_and_password(db):
    users = load_users(accounts_path(db))
    account = verify(users, "admin", ADMIN)
    assert current(users, account) == account
    add_user(accounts_path(db), "admin", "管理员", ADMIN)  # a new hash of the same password: a new entry
    assert current(load_users(accounts_path(db)), account) is None
    assert current({}, account) is None
