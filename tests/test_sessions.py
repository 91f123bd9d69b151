"""A sign-in kept for a working day (unionboard.sessions): a signed, expiring token that names the account and
its fingerprint; a wrong signature, an expired token or a changed account gives no sign-in."""
from __future__ import annotations

import datetime as dt
import os
import stat

from unionboard import sessions
from unionboard.accounts import Account, stamp

ENTRY = {"role": "街镇", "town": "安亭镇", "password_hash": "$2b$12$abcdefghijklmnopqrstuv"}
USERS = {"王五": ENTRY}
NOW = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
KEY = bytes(range(32))


def account() -> Account:
    return Account("王五", "街镇", "安亭镇", stamp(ENTRY))


def test_a_token_resumes_its_account_until_it_expires(monkeypatch):
    monkeypatch.delenv("UNIONBOARD_SESSION_HOURS", raising=False)
    assert sessions.session_hours() == 10.0  # a working day
    token = sessions.issue(account(), KEY, now=NOW)
    back = sessions.resume(token, USERS, KEY, now=NOW + dt.timedelta(hours=9, minutes=59))
    assert (back.name, back.role, back.town) == ("王五", "街镇", "安亭镇")
    assert sessions.resume(token, USERS, KEY, now=NOW + dt.timedelta(hours=10)) is None  # expired at 18:30


def test_the_lifetime_follows_the_setting(monkeypatch):
    monkeypatch.setenv("UNIONBOARD_SESSION_HOURS", "2")
    token = sessions.issue(account(), KEY, now=NOW)
    assert sessions.resume(token, USERS, KEY, now=NOW + dt.timedelta(minutes=119)) is not None
    assert sessions.resume(token, USERS, KEY, now=NOW + dt.timedelta(minutes=120)) is None


def test_a_tampered_or_foreign_token_is_refused():
    token = sessions.issue(account(), KEY, now=NOW)
    body, signature = token.split(".")
    later = NOW + dt.timedelta(hours=1)
    longer = sessions.issue(account(), KEY, now=NOW + dt.timedelta(days=30)).split(".")[0]
    assert longer != body
    assert sessions.resume(f"{longer}.{signature}", USERS, KEY, now=later) is None  # expiry pushed out
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert sessions.resume(f"{body}.{flipped}", USERS, KEY, now=later) is None  # signature changed
    assert sessions.resume(token, USERS, bytes(32), now=later) is None  # another server's key
    for bad in (None, "", "no-dot", "a.b.c", f"{body}."):
        assert sessions.resume(bad, USERS, KEY, now=later) is None


def test_a_changed_or_removed_account_ends_the_kept_sign_in():
    token = sessions.issue(account(), KEY, now=NOW)
    later = NOW + dt.timedelta(hours=1)
    assert sessions.resume(token, {"王五": {**ENTRY, "role": "领导"}}, KEY, now=later) is None
    assert sessions.resume(token, {"王五": {**ENTRY, "password_hash": "$2b$12$other"}}, KEY, now=later) is None
    assert sessions.resume(token, {}, KEY, now=later) is None


def test_the_key_is_made_once_private_and_names_the_cookie(tmp_path):
    accounts_file = tmp_path / "accounts.toml"
    key = sessions.load_key(accounts_file)
    path = sessions.key_path(accounts_file)
    assert path == tmp_path / "accounts.session.key" and len(key) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sessions.load_key(accounts_file) == key  # kept: a restart keeps the sign-ins
    assert sessions.cookie_name(key).startswith("unionboard_")
    assert sessions.cookie_name(key) != sessions.cookie_name(bytes(32))


def test_sign_out_clears_the_cookie(monkeypatch):
    # ui.auth writes the cookie with Max-Age = the lifetime on sign-in and Max-Age=0 (deleted) on sign-out
    import ui.auth as auth

    monkeypatch.setenv("UNIONBOARD_SESSION_HOURS", "10")
    written = []
    monkeypatch.setattr(auth.st.sidebar, "html", lambda text, **kw: written.append(text))
    auth._cookie(KEY, "tok.sig")
    auth._cookie(KEY)
    name = sessions.cookie_name(KEY)
    assert f"{name}=tok.sig; Max-Age=36000;" in written[0]
    assert f"{name}=; Max-Age=0;" in written[1]
