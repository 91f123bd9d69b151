"""A sign-in kept across browser reloads for a working day: a signed, expiring token for a cookie.

The token names the account, carries its fingerprint (accounts.stamp: role, town and password hash) and
when it expires, and is signed with HMAC-SHA256 under a key kept beside accounts.toml
(`accounts.session.key`, 32 random bytes, mode 600, made on first use). A token is honoured only while
its signature is right, it has not expired and the accounts file still holds the account unchanged: a
role, town or password change, or the account's removal, ends it as it ends an open session.
$UNIONBOARD_SESSION_HOURS (default 10) is how long a token lasts.

Sessions end on the server too (issue 28, item 6): a token carries when it was issued, and signing out,
a password reset and removing the account write the account's name and the moment into
`accounts.session.revoked` beside the key; a token (or an open session) issued at or before that moment
is refused, in every browser. A cookie copied before 退出登录 therefore never signs in again.
"""
from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from .accounts import ROLES, Account, stamp


def session_hours() -> float:
    """$UNIONBOARD_SESSION_HOURS (default 10): how long a sign-in is kept."""
    return float(os.environ.get("UNIONBOARD_SESSION_HOURS", "10"))


def key_path(accounts_file: Path) -> Path:
    """The signing key's file, beside the accounts file."""
    accounts_file = Path(accounts_file)
    return accounts_file.with_name(accounts_file.stem + ".session.key")


def load_key(accounts_file: Path) -> bytes:
    """The signing key, made (mode 600) when there is none yet; OSError when it can be neither read nor made."""
    path = key_path(accounts_file)
    if not path.exists():
        # written whole to a private file, then linked into place: a reader never sees half a key, and of
        # two servers making one at once, the first link wins and both use it
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def revoked_path(accounts_file: Path) -> Path:
    """The record of ended sessions (name → the moment, in ms, before which its tokens are refused)."""
    accounts_file = Path(accounts_file)
    return accounts_file.with_name(accounts_file.stem + ".session.revoked")


def now_ms() -> int:
    """The clock of session issue and revocation, in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def revocations(accounts_file: Path) -> dict[str, int]:
    """Every account's revocation moment ({} without a record; a damaged record refuses nothing and is
    rewritten whole by the next revocation)."""
    path = revoked_path(accounts_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int)} if isinstance(data, dict) else {}


def revoke(accounts_file: Path, name: str, at: int | None = None) -> int:
    """End every session of `name`, in every browser: tokens issued at or before now are refused from now
    on. Written whole to a new file and renamed into place under a lock (two revocations at once both
    count). Returns the moment recorded."""
    path = revoked_path(accounts_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    moment = at if at is not None else now_ms()
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        data = revocations(accounts_file)
        data[name] = max(moment, data.get(name, 0))
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    return moment


def cookie_name(key: bytes) -> str:
    """The cookie's name, different for each key: two dashboards on one host never read each other's."""
    return "unionboard_" + hmac.new(key, b"cookie name", hashlib.sha256).hexdigest()[:10]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, body: str) -> str:
    return _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())


def issue(account: Account, key: bytes, now: dt.datetime | None = None, issued: int | None = None) -> str:
    """A token for `account`, valid for session_hours() from `now`; `issued` (ms, default now) is the
    moment a revocation compares with."""
    expires = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(hours=session_hours())
    payload = {"u": account.name, "s": account.stamp, "e": int(expires.timestamp()),
               "i": issued if issued is not None else now_ms()}
    body = _b64(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return f"{body}.{_signature(key, body)}"


def issued_at(token: str | None) -> int:
    """When a token (already checked by resume) was issued, in ms (0 for a token made before tokens said)."""
    try:
        return int(json.loads(_unb64(str(token).split(".")[0])).get("i", 0))
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return 0


def resume(token: str | None, users: dict[str, dict], key: bytes, now: dt.datetime | None = None,
           revoked: dict[str, int] | None = None) -> Account | None:
    """The account a token stands for, or None: a wrong signature, an expired token, an account that is
    gone or changed since (its fingerprint differs), or a session ended on the server since the token
    was issued (`revoked`: revocations()). A cookie that is not ASCII (a browser sends any bytes) is
    refused like any other wrong token."""
    if not token or not isinstance(token, str) or not token.isascii() or token.count(".") != 1:
        return None
    body, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(key, body)):
        return None
    try:
        payload = json.loads(_unb64(body))
        name, fingerprint, expires = str(payload["u"]), str(payload["s"]), float(payload["e"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    if (now or dt.datetime.now(dt.UTC)).timestamp() >= expires:
        return None
    entry = users.get(name)
    if entry is None or entry.get("role") not in ROLES or not hmac.compare_digest(stamp(entry), fingerprint):
        return None
    try:
        issued = int(payload.get("i", 0))
    except (ValueError, TypeError):
        return None
    if revoked and issued <= revoked.get(name, -1):
        return None
    return Account(name, entry["role"], entry.get("town"), fingerprint)
