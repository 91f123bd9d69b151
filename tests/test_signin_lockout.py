"""Sign-in: 5 wrong passwords within 15 minutes lock that name for 15 minutes — across sessions and
server restarts, since the state is the append-only record beside accounts.toml — and every failure
and lockout is recorded and shown to 管理员 on 数据管理 (issue 17, item 10). Also: the upload size that
docs/security.md states is the one the uploader allows."""
from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest

from apptest_helpers import metrics, open_page, sign_in, texts
from unionboard.accounts import accounts_path, add_user
from unionboard.accounts import load as load_users
from unionboard.readers import max_file_bytes
from unionboard.signin import attempt, history, log_path

ROOT = Path(__file__).resolve().parent.parent
ADMIN, LEAD = "admin-pass-1", "lead-pass-1"
T0 = dt.datetime(2015, 7, 1, 9, 0, 0)


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "admin", "管理员", ADMIN)
    add_user(accounts_path(fixture_db), "lingdao", "领导", LEAD)
    return fixture_db


def minutes(n: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


def test_five_failures_lock_the_name_for_fifteen_minutes(db):
    log, users = log_path(accounts_path(db)), load_users(accounts_path(db))
    for i in range(4):
        assert attempt(log, users, "lingdao", "wrong", now=minutes(i)).locked_until is None
    fifth = attempt(log, users, "lingdao", "wrong", now=minutes(4))
    assert fifth.account is None and fifth.locked_until == minutes(19)
    # the right password is not even checked while locked — the "30 wrong, then the right one"
    for _ in range(30):
        assert attempt(log, users, "lingdao", "wrong", now=minutes(4.5)).locked_until == minutes(19)
    assert attempt(log, users, "lingdao", LEAD, now=minutes(18.9)).account is None
    # another name is not affected; after the lock the right password works
    assert attempt(log, users, "admin", ADMIN, now=minutes(10)).account.role == "管理员"
    assert attempt(log, users, "lingdao", LEAD, now=minutes(19)).account.name == "lingdao"
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    lingdao = [e["event"] for e in events if e["user"] == "lingdao"]
    # every failure and the lockout; the 31 attempts while locked once a minute at most (4.5 and 18.9)
    assert lingdao == ["failure"] * 5 + ["lockout", "locked", "locked", "success"]
    assert log.stat().st_mode & 0o777 == 0o600


def test_failures_outside_the_window_or_before_a_success_do_not_count(db):
    log, users = log_path(accounts_path(db)), load_users(accounts_path(db))
    for i in range(4):
        attempt(log, users, "lingdao", "wrong", now=minutes(i * 10))  # 0, 10, 20, 30: never 5 in 15 minutes
    assert attempt(log, users, "lingdao", "wrong", now=minutes(40)).locked_until is None
    assert attempt(log, users, "lingdao", LEAD, now=minutes(41)).account is not None
    for i in range(4):
        assert attempt(log, users, "lingdao", "wrong", now=minutes(42 + i)).locked_until is None
    assert attempt(log, users, "nobody", "x", now=minutes(50)).account is None  # unknown names are recorded too
    assert history(log)[0].user == "nobody" and history(log)[0].event == "failure"


def test_lockout_holds_across_sessions_and_restarts(db):
    at = open_page()
    for _ in range(5):
        sign_in(at, "lingdao", "wrong-password")
    assert "此用户名在本机已锁定至" in " ".join(e.value for e in at.error)
    sign_in(at, "lingdao", LEAD)
    assert metrics(at) == {} and "此用户名在本机已锁定" in " ".join(e.value for e in at.error)
    # a new browser session (or a restarted server: the state is the file) is locked as well
    other = open_page()
    sign_in(other, "lingdao", LEAD)
    assert metrics(other) == {} and "此用户名在本机已锁定" in " ".join(e.value for e in other.error)
    # 管理员 sees the record on 数据管理
    admin = open_page()
    sign_in(admin, "admin", ADMIN)
    admin.switch_page("pages/data.py").run()
    assert "登录记录" in " ".join(e.label for e in admin.expander)
    record = next(d.value for d in admin.dataframe if "用户名" in d.value.columns)
    assert list(record.columns) == ["时间", "用户名", "来源地址", "事件"]  # issue 28: the client too
    lingdao = record[record["用户名"] == "lingdao"]["事件"].tolist()
    assert lingdao.count("登录失败（用户名或密码不正确）") == 5
    assert lingdao.count("连续登录失败，账户已锁定") == 1
    assert record.iloc[0]["用户名"] == "admin" and record.iloc[0]["事件"] == "登录成功"


def test_record_shown_to_administrators_only(db):
    at = open_page()
    sign_in(at, "lingdao", LEAD)
    at.switch_page("pages/data.py").run()
    assert "登录记录" not in " ".join(e.label for e in at.expander) and "登录记录" not in texts(at)


def test_sign_in_fails_closed_when_the_record_cannot_be_written(db, monkeypatch):
    import errno

    def full(*_a, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("unionboard.signin.os.fsync", full)
    at = open_page()
    sign_in(at, "admin", ADMIN)
    assert not at.exception and metrics(at) == {}
    assert "磁盘空间已满" in " ".join(e.value for e in at.error)


def test_upload_size_is_the_one_the_readme_states():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == max_file_bytes() == 512 * 1024 * 1024
    readme = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert re.search(r"UNIONBOARD_MAX_FILE_MB` \(512[,)]", readme)
