"""Sign-in attempts: a lockout after repeated failures, and an append-only record of every attempt.

After UNIONBOARD_SIGNIN_FAILURES (5) wrong passwords for one user name from one client (its address)
within UNIONBOARD_SIGNIN_WINDOW_MIN (15) minutes, that name is locked FOR THAT CLIENT for
UNIONBOARD_SIGNIN_LOCK_MIN (15) minutes, doubled for each further lockout of the same name and client
within a day (15, 30, 60 … up to 24 hours): the password is not even checked. Locking per name and
client (issue 28, item 7) means someone guessing from one machine locks out that machine, never the
district's 管理员 at their own desks; the back-off makes guessing slower the longer it goes on.
`unlock` (python -m unionboard user unlock NAME, and a password reset) clears every lock of a name.
The state is the record itself — a JSON-lines file beside accounts.toml (`accounts.signin.log`) — so a
lockout holds across sessions, browsers and server restarts, and 管理员 see the record on 数据管理.

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

EVENTS = ("success", "failure", "lockout", "locked", "ended", "signout", "unlock", "revoked")  # their words: signin_<event> in the catalog
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


BACKOFF_CAP = dt.timedelta(hours=24)  # the longest lock of a name for one client
BACKOFF_MEMORY = dt.timedelta(hours=24)  # earlier lockouts within this time lengthen the next one


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
    client: str = ""  # the address the attempt came from ("" when unknown, and for events of the whole name)
    until: dt.datetime | None = None  # a lockout: when it ends


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
            until = item.get("until")
            event = Event(dt.datetime.fromisoformat(item["time"]), str(item["user"]), str(item["event"]),
                          str(item.get("client", "")), dt.datetime.fromisoformat(until) if until else None)
        except (ValueError, KeyError, TypeError):
            continue
        if since is None or event.time >= since:
            events.append(event)
    return events


def _append(fh, when: dt.datetime, user: str, event: str, client: str = "",  # noqa: ANN001 - a binary file
            until: dt.datetime | None = None) -> None:
    item = {"time": when.isoformat(), "user": user[:MAX_NAME], "event": event}
    if client:
        item["client"] = client[:MAX_NAME]
    if until is not None:
        item["until"] = until.isoformat()
    line = json.dumps(item, ensure_ascii=False)
    fh.write((line + "\n").encode("utf-8"))
    fh.flush()
    os.fsync(fh.fileno())


def _unlocked_at(events: list[Event], user: str) -> dt.datetime | None:
    """When `user`'s locks were last cleared (user unlock, a password reset), None if never."""
    times = [e.time for e in events if e.user == user and e.event == "unlock"]
    return max(times) if times else None


def _lockouts(events: list[Event], user: str, client: str) -> list[Event]:
    """The lockouts of `user` from `client` since the name was last unlocked."""
    cleared = _unlocked_at(events, user)
    return [e for e in events if e.user == user and e.client == client and e.event == "lockout"
            and (cleared is None or e.time > cleared)]


def _lock_end(e: Event) -> dt.datetime:
    """When a lockout ends (a record written before the back-off has no end: the base lock time)."""
    return e.until or e.time + lock_time()


def locked_until(events: list[Event], user: str, now: dt.datetime, client: str = "") -> dt.datetime | None:
    """Until when `user` is locked for `client`, from the record (None: not locked)."""
    ends = [_lock_end(e) for e in _lockouts(events, user, client)]
    if ends and now < max(ends):
        return max(ends)
    return None


def locks(events: list[Event], user: str, now: dt.datetime) -> dict[str, dt.datetime]:
    """Every client for which `user` is locked now, with until when (for `user list`)."""
    out = {}
    for client in {e.client for e in events if e.user == user and e.event == "lockout"}:
        until = locked_until(events, user, now, client)
        if until is not None:
            out[client] = until
    return out


def _next_lock(events: list[Event], user: str, client: str, now: dt.datetime) -> dt.timedelta:
    """How long the next lockout of `user` from `client` lasts: the lock time, doubled for each lockout of
    the same pair within BACKOFF_MEMORY (never longer than BACKOFF_CAP)."""
    earlier = sum(1 for e in _lockouts(events, user, client) if e.time > now - BACKOFF_MEMORY)
    return min(lock_time() * (2 ** min(earlier, 16)), BACKOFF_CAP)


def _failures(events: list[Event], user: str, now: dt.datetime, client: str = "") -> int:
    """Wrong passwords for `user` from `client` that still count: in the window, after the last lockout
    of that pair ended, after the last successful sign-in from that client and after an unlock."""
    since = now - window()
    cleared = _unlocked_at(events, user)
    if cleared is not None:
        since = max(since, cleared)
    for e in events:
        if e.user == user and e.client == client and e.event == "lockout":
            since = max(since, _lock_end(e))
        elif e.user == user and e.client == client and e.event == "success":
            since = max(since, e.time)
    return sum(1 for e in events if e.user == user and e.client == client and e.event == "failure" and e.time > since)


def attempt(log: Path, users: dict[str, dict], name: str, password: str, now: dt.datetime | None = None,
            client: str = "") -> Attempt:
    """Check a sign-in from `client` (its address), honouring and updating the lockout of that name and
    client; every attempt is recorded.

    Raises OSError when the record cannot be written: sign-in then fails closed (the caller explains).
    """
    now = now or _now()
    name, client = name[:MAX_NAME], client[:MAX_NAME]
    horizon = now - max(window(), BACKOFF_CAP, BACKOFF_MEMORY) - dt.timedelta(minutes=1)
    with _open_log(Path(log)) as fh:
        events = _read(fh, since=horizon)
        until = locked_until(events, name, now, client)
        if until is not None:
            recent = [e.time for e in events if e.user == name and e.client == client and e.event == "locked"]
            if not recent or now - max(recent) >= dt.timedelta(minutes=1):
                _append(fh, now, name, "locked", client)
            return Attempt(None, until)
        account = verify(users, name, password)
        if account is not None:
            _append(fh, now, name, "success", client)
            return Attempt(account)
        _append(fh, now, name, "failure", client)
        if _failures(events, name, now, client) + 1 >= max_failures():
            until = now + _next_lock(events, name, client, now)
            _append(fh, now, name, "lockout", client, until)
            return Attempt(None, until)
        return Attempt(None)


def unlock(log: Path, name: str, now: dt.datetime | None = None) -> bool:
    """Clear every lock of `name` (user unlock, a password reset); whether it was locked anywhere."""
    now = now or _now()
    with _open_log(Path(log)) as fh:
        events = _read(fh, since=now - max(window(), BACKOFF_CAP, BACKOFF_MEMORY) - dt.timedelta(minutes=1))
        was = bool(locks(events, name, now))
        _append(fh, now, name, "unlock")
    return was


def current_locks(log: Path, now: dt.datetime | None = None) -> dict[str, dict[str, dt.datetime]]:
    """Every name locked now → {client: until} (for `user list`)."""
    now = now or _now()
    path = Path(log)
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        events = _read(fh, since=now - max(window(), BACKOFF_CAP, BACKOFF_MEMORY) - dt.timedelta(minutes=1))
    out = {}
    for user in {e.user for e in events if e.event == "lockout"}:
        held = locks(events, user, now)
        if held:
            out[user] = held
    return out


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
