"""Signing in: with accounts configured, nobody sees anything before signing in; without, all is read-only.

A sign-in lasts for a working day, across browser reloads: the browser keeps a signed, expiring token
(unionboard.sessions) in a cookie, set and cleared by a line of JavaScript (Streamlit gives a script no
way to set a response header). The account is checked against accounts.toml on every rerun: a role,
town or password changed on the server, or the account removed, ends the session — and the token — at
once. Repeated failures lock a name for the client they came from (unionboard.signin); every attempt is
in its record.

Issue 28: signing out ends every session of the account on the server (unionboard.sessions.revoke: a
copied cookie never signs in again), every open session checks that record on each rerun, and every
action (a button's callback: 确认导入, 回退, the due-day setting) checks the account again at the moment
it acts (acting_user), since a callback runs before the page's own check. The cookie is set from
JavaScript and so cannot be HttpOnly (docs/decisions/28.md).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.context import Ctx
from ui.filters import current_lang
from unionboard import accounts, errors, sessions, signin
from unionboard.accounts import Account
from unionboard.i18n import msg


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size) of a file, None if absent: any rewrite (os.replace) changes it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _users(path: str, identity: tuple) -> dict[str, dict]:
    """The accounts file as read in this state (an edit is seen on the next rerun); shared, read only."""
    return accounts.load(Path(path))


@functools.lru_cache(maxsize=8)
def _revoked(path: str, identity: tuple | None) -> dict[str, int]:
    """The ended sessions (unionboard.sessions.revocations) as read in this state; shared, read only."""
    return sessions.revocations(Path(path)) if identity else {}


def revoked_now(accounts_file: Path) -> dict[str, int]:
    """Every account's revocation moment, read again whenever the record changes."""
    return _revoked(str(accounts_file), file_identity(sessions.revoked_path(accounts_file)))


def _client() -> str:
    """The address the request came from (sign-in locks are per name and client); "" when unknown."""
    try:
        return str(st.context.ip_address or "")
    except Exception:  # noqa: BLE001 - no request behind this run (a test)
        return ""


@functools.lru_cache(maxsize=8)
def _key(path: str, identity: tuple | None) -> bytes:
    """The sessions' signing key beside the accounts file (made on first use); shared, read only."""
    return sessions.load_key(Path(path))


def _session_key(accounts_file: Path) -> bytes | None:
    """The signing key, None (sign-ins then last for the browser session only) if it cannot be read or made."""
    try:
        return _key(str(accounts_file), file_identity(sessions.key_path(accounts_file)))
    except (OSError, ValueError) as exc:
        errors.report(exc, "session key")
        return None


def _cookie(key: bytes, token: str = "") -> None:
    """Set (with a token) or clear the sign-in cookie in the browser: SameSite=Strict, Secure over https."""
    age = int(sessions.session_hours() * 3600) if token else 0
    cookie = f"{sessions.cookie_name(key)}={token}; Max-Age={age}; Path=/; SameSite=Strict"
    st.sidebar.html(f"<script>document.cookie = {json.dumps(cookie)} + "
                    "(location.protocol === 'https:' ? '; Secure' : '');</script>",
                    unsafe_allow_javascript=True, width=1)


def _resumed(accounts_file: Path, users: dict[str, dict]) -> Account | None:
    """The account of this browser's sign-in cookie, when it is still good (see unionboard.sessions)."""
    key = _session_key(accounts_file)
    if key is None:
        return None
    try:
        token = st.context.cookies.get(sessions.cookie_name(key))
    except Exception:  # noqa: BLE001 - no request behind this run (a test), or a cookie no one can read
        return None
    account = sessions.resume(token, users, key, revoked=revoked_now(accounts_file))
    if account is not None:
        st.session_state["auth_issued"] = sessions.issued_at(token)
    return account


def _try_sign_in(accounts_file: str, log: str) -> None:
    """Check the submitted name and password (bcrypt) against the accounts file as it is now, with the
    lockout (unionboard.signin); remember the account, the failure or the lock."""
    path = Path(accounts_file)
    name = str(st.session_state.get("auth_name", "")).strip()
    password = str(st.session_state.get("auth_password", ""))
    st.session_state["auth_password"] = ""
    try:
        outcome = signin.attempt(Path(log), _users(str(path), file_identity(path)), name, password, client=_client())
    except Exception as exc:  # noqa: BLE001 - the record cannot be written: sign-in fails closed, explained
        errors.report(exc, "sign-in")
        st.session_state["auth_error"] = errors.explain(exc, current_lang(), paths=False)
        return
    if outcome.account is not None:
        st.session_state["auth_user"] = outcome.account
        st.session_state.pop("auth_signed_out", None)
        issued = st.session_state["auth_issued"] = sessions.now_ms()
        key = _session_key(path)
        if key is not None:
            st.session_state["auth_token"] = sessions.issue(outcome.account, key, issued=issued)
    elif outcome.locked_until is not None:
        until = outcome.locked_until
        st.session_state["auth_locked"] = until.strftime("%H:%M" if until.date() == dt.date.today() else "%Y-%m-%d %H:%M")
    else:
        st.session_state["auth_failed"] = True


def _sign_out(accounts_file: str, log: str) -> None:
    """退出登录: end this session, the kept sign-in in this browser and — on the server — every session
    of the account, in every browser (a copied cookie never signs in again; recorded)."""
    user = st.session_state.pop("auth_user", None)
    st.session_state.pop("auth_token", None)
    st.session_state.pop("auth_issued", None)
    st.session_state["auth_signed_out"] = True  # the cookie read at connection time must not sign in again
    if isinstance(user, Account):
        try:
            sessions.revoke(Path(accounts_file), user.name)
        except OSError as exc:  # the record cannot be written: said in the server log; this session has ended
            errors.report(exc, "sign-out")
        with contextlib.suppress(OSError):
            signin.record(Path(log), user.name, "signout")


def acting_user(ctx: Ctx, may: Callable[[Account], bool]) -> Account | None:
    """The account asking for an action, checked again at the moment it acts (issue 28, item 2): as
    acting_account, the account of this page, and `may` (the right the action needs). None — and the page
    says the action was not done — otherwise. A button's callback runs before the page checks the account,
    so every write checks here."""
    user = acting_account(ctx.db) if ctx.user is not None else None
    if user is None or ctx.user is None or user.name != ctx.user.name or not may(user):
        st.session_state["auth_action_refused"] = True
        return None
    return user


def sign_in(ctx: Ctx) -> None:
    """With accounts configured, nobody sees anything before signing in (the page stops at the form);
    without, all is read-only.

    The account is checked against the file on every rerun: a role, town or password changed on the
    server, or the user removed, ends the session at once (rights are never those of an old file).
    """
    path = accounts.accounts_path(ctx.db)
    identity = file_identity(path)
    users = _users(str(path), identity) if identity else {}
    ctx.accounts_configured = bool(users)
    if not users:
        st.session_state.pop("auth_user", None)
        return
    log = signin.log_path(path)
    user = st.session_state.get("auth_user")
    if user is None and not st.session_state.get("auth_signed_out"):
        user = _resumed(path, users)  # a reload: the sign-in kept in this browser
        if user is not None:
            st.session_state["auth_user"] = user
    revoked = isinstance(user, Account) and revoked_now(path).get(user.name, -1) >= st.session_state.get("auth_issued", 0)
    if isinstance(user, Account) and (revoked or accounts.current(users, user) is None):
        del st.session_state["auth_user"]
        st.session_state.pop("auth_token", None)
        st.session_state.pop("auth_issued", None)
        st.session_state["auth_ended"] = st.session_state["auth_signed_out"] = True
        with contextlib.suppress(OSError):
            signin.record(log, user.name, "ended")
        user = None
    key = _session_key(path)
    if isinstance(user, Account):
        ctx.user = user
        if user.town:
            st.sidebar.caption(ctx.t("signed_in_town", name=user.name, role=user.role, town=user.town))
        else:
            st.sidebar.caption(ctx.t("signed_in", name=user.name, role=user.role))
        st.sidebar.button(ctx.t("sign_out"), key="auth_sign_out", on_click=_sign_out, args=(str(path), str(log)))
        if key is not None and st.session_state.get("auth_token"):
            _cookie(key, st.session_state["auth_token"])
        if st.session_state.pop("auth_action_refused", False):
            st.error(ctx.t("action_refused"))
        return
    if key is not None and st.session_state.get("auth_signed_out"):
        _cookie(key)
    _form(ctx, path, log)


def _form(ctx: Ctx, path: Path, log: Path) -> None:
    """The sign-in form and what the last attempt gave; nothing else of the page is shown."""
    st.title(ctx.t("app_title"))
    with st.form("auth_form"):
        st.text_input(ctx.t("user_name"), key="auth_name")
        st.text_input(ctx.t("password"), type="password", key="auth_password")
        # a callback runs before the script, so the submission survives any rerun of the navigation
        st.form_submit_button(ctx.t("sign_in"), type="primary", on_click=_try_sign_in, args=(str(path), str(log)))
    if st.session_state.pop("auth_ended", False):
        st.warning(ctx.t("session_ended"))
    if st.session_state.pop("auth_action_refused", False):
        st.error(ctx.t("action_refused"))
    if st.session_state.pop("auth_failed", False):
        st.error(ctx.t("sign_in_failed"))
    locked = st.session_state.pop("auth_locked", None)
    if locked:
        st.error(ctx.t("sign_in_locked", until=locked, n=signin.max_failures(),
                       minutes=int(signin.lock_time().total_seconds() // 60)))
    problem = st.session_state.pop("auth_error", None)
    if problem:
        st.error(problem)
    st.stop()


@functools.lru_cache(maxsize=4)
def _sign_in_events(log: str, identity: tuple | None) -> list[signin.Event]:
    """The record as read in this state (it is read again only when it has grown); shared, read only."""
    return signin.history(Path(log)) if identity else []


def sign_in_record(ctx: Ctx, key: str) -> None:
    """For 管理员: the record of sign-in attempts (failures, lockouts, sign-outs), newest first."""
    if not ctx.can_import:
        return
    log = signin.log_path(accounts.accounts_path(ctx.db))
    events = _sign_in_events(str(log), file_identity(log))
    with st.expander(ctx.t("signin_record", n=f"{len(events):,}", failures=signin.max_failures(),
                           minutes=int(signin.lock_time().total_seconds() // 60))):
        st.dataframe(pd.DataFrame({ctx.t("signin_time"): [e.time.strftime("%Y-%m-%d %H:%M:%S") for e in events],
                                   ctx.t("user_name"): [e.user for e in events],
                                   ctx.t("signin_client"): [e.client for e in events],
                                   ctx.t("signin_event"): [_event_word(e.event, ctx.lang) for e in events]}),
                     hide_index=True, width="stretch", key=key)


def _event_word(event: str, lang: str) -> str:
    """A recorded event in words (an unknown one as recorded)."""
    return msg(f"signin_{event}", lang) if event in signin.EVENTS else event


# ---- issue 25: an action re-checks the account at the moment it acts (a button's callback runs before the
# script, so before sign_in's check of this rerun): never the account captured when the page was drawn.
def acting_account(db: Path) -> Account | None:
    """The signed-in account as the accounts file holds it now (read now, not from a cache of an earlier
    state): None when nobody is signed in, when the account was changed (role, town, password) or removed on
    the server since, or when its sessions were ended (sign-out elsewhere, a password change) after this
    one began."""
    user = st.session_state.get("auth_user")
    if not isinstance(user, Account):
        return None
    try:
        path = accounts.accounts_path(db)
        users = accounts.load(path)
        ended = sessions.revocations(path).get(user.name, -1) >= st.session_state.get("auth_issued", 0)
        return None if ended else accounts.current(users, user)
    except Exception as exc:  # noqa: BLE001 - an unreadable accounts file: refuse, explained in the log
        errors.report(exc, "action check")
        return None
