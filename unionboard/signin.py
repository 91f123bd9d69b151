"""Sign-in attempts: a lockout after repeated failures, and an append-only record of every attempt.

After UNIONBOARD_SIGNIN_FAILURES (5) wrong passwords for one user name within
UNIONBOARD_SIGNIN_WINDOW_MIN (15) minutes, that name is locked for UNIONBOARD_SIGNIN_LOCK_MIN (15)
minutes: the password is not even checked. The state is the record itself — a JSON-lines file
beside accounts.toml (`accounts.signin.log`) — so a lockout holds across sessions, browsers and
server restarts, and 管理员 see the record on 数据管理.

Every failure and every lockout is a line; attempts made while locked are recorded at most once a
minute per name (a flood of them must not push the lockout out of the part of the file read back).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .accounts import Account, verify

EVENTS = ("success", "failure", "lockout", "locked", "ended", "signout")  # their words: signin_<event> in the catalog
TAIL_BYTES = 4 * 1024 * 1024  # what is read back: far more than 15 minutes of attempts
MAX_NAME = 64  # longer typed names are recorded shortened


def max_failures() -> int:
    """$UNIONBOARD_SIGNIN_FAILURES (default 5): wrong passwords that lock a name."""
    return int(os.environ.get("UNIONBOARD_SIGNIN_FAILURES", "5"))


def window() -> dt.timedelta:
    """$UNIONBOARD_SIGNIN_WINDOW_MIN (default 15): the minutes within which failures count."""
    return dt.timedelta(minutes=float(os.environ.get("UNIONBOARD_SIGNIN_WINDOW_MIN", "15")))


def lock_time() -> dt.timedelta:
    """$UNIONBOARD_SIGNIN_LOCK_MIN (default 15): how long a name stays locked."""
    return dt.timedelta(minutes=float(os.environ.get("UNIONBOARD_SIGNIN_LOCK_MIN", "15")))


def log_path(accounts_file: Path) -> Path:
    """The record of sign-in attempts, beside the accounts file."""
    accounts_file = Path(accounts_file)
    return accounts_file.with_name(accounts_file.stem + ".signin.log")


@dataclass(frozen=True)
class Attempt:
    """The outcome of one sign-in attempt: the account, or None (and until when the name is locked)."""

    account: Account | None
    locked_until: dt.datetime | None = None


@dataclass(frozen=True)
class Event:
    """One line of the record."""

    time: dt.datetime
    user: str
    event: str


def _now() -> dt.datetime:
    return dt.datetime.now()


@contextlib.contextmanager
def _open_log(path: Path) -> Iterator:
    """The record, opened for reading and appending under an exclusive lock (attempts are counted exactly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read(fh, since: dt.datetime | None = None) -> list[Event]:  # noqa: ANN001 - a binary file
    """The events of the record's tail (a damaged line is skipped, never fatal)."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(max(0, size - TAIL_BYTES))
    lines = fh.read().splitlines()
    if size > TAIL_BYTES:
        lines = lines[1:]  # the first line read is probably cut
    events = []
    for raw in lines:
        try:
            item = json.loads(raw)
            event = Event(dt.datetime.fromisoformat(item["time"]), str(item["user"]), str(item["event"]))
        except (ValueError, KeyError, TypeError):
            continue
        if since is None or event.time >= since:
            events.append(event)
    return events


def _append(fh, when: dt.datetime, user: str, event: str) -> None:  # noqa: ANN001 - a binary file
    line = json.dumps({"time": when.isoformat(), "user": user[:MAX_NAME], "event": event}, ensure_ascii=False)
    fh.write((line + "\n").encode("utf-8"))
    fh.flush()
    os.fsync(fh.fileno())


def locked_until(events: list[Event], user: str, now: dt.datetime) -> dt.datetime | None:
    """Until when `user` is locked, from the record (None: not locked)."""
    locks = [e.time for e in events if e.user == user and e.event == "lockout"]
    if locks and now < max(locks) + lock_time():
        return max(locks) + lock_time()
    return None


def _failures(events: list[Event], user: str, now: dt.datetime) -> int:
    """Wrong passwords for `user` that still count: in the window, after the last lockout ended and
    after the last successful sign-in."""
    since = now - window()
    for e in events:
        if e.user == user and e.event == "lockout":
            since = max(since, e.time + lock_time())
        elif e.user == user and e.event == "success":
            since = max(since, e.time)
    return sum(1 for e in events if e.user == user and e.event == "failure" and e.time > since)


def attempt(log: Path, users: dict[str, dict], name: str, password: str, now: dt.datetime | None = None) -> Attempt:
    """Check a sign-in, honouring and updating the lockout; every attempt is recorded.

    Raises OSError when the record cannot be written: sign-in then fails closed (the caller explains).
    """
    now = now or _now()
    name = name[:MAX_NAME]
    horizon = now - max(window(), lock_time()) - dt.timedelta(minutes=1)
    with _open_log(Path(log)) as fh:
        events = _read(fh, since=horizon)
        until = locked_until(events, name, now)
        if until is not None:
            recent = [e.time for e in events if e.user == name and e.event == "locked"]
            if not recent or now - max(recent) >= dt.timedelta(minutes=1):
                _append(fh, now, name, "locked")
            return Attempt(None, until)
        account = verify(users, name, password)
        if account is not None:
            _append(fh, now, name, "success")
            return Attempt(account)
        _append(fh, now, name, "failure")
        if _failures(events, name, now) + 1 >= max_failures():
            _append(fh, now, name, "lockout")
            return Attempt(None, now + lock_time())
        return Attempt(None)


def record(log: Path, name: str, event: str, now: dt.datetime | None = None) -> None:
    """Add one line (e.g. 'ended': a session closed because its account changed)."""
    with _open_log(Path(log)) as fh:
        _append(fh, now or _now(), name, event)


def history(log: Path, limit: int = 500) -> list[Event]:
    """The newest `limit` events, newest first (for 数据管理)."""
    path = Path(log)
    if not path.exists():
        return []
    with open(path, "rb") as fh:
        return list(reversed(_read(fh)))[:limit]
