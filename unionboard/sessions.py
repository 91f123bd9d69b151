"""A sign-in kept across browser reloads for a working day: a signed, expiring token for a cookie.

The token names the account, carries its fingerprint (accounts.stamp: role, town and password hash) and
when it expires, and is signed with HMAC-SHA256 under a key kept beside accounts.toml
(`accounts.session.key`, 32 random bytes, mode 600, made on first use). A token is honoured only while
its signature is right, it has not expired and the accounts file still holds the account unchanged: a
role, town or password change, or the account's removal, ends it as it ends an open session.
$UNIONBOARD_SESSION_HOURS (default 10) is how long a token lasts.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
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


def cookie_name(key: bytes) -> str:
    """The cookie's name, different for each key: two dashboards on one host never read each other's."""
    return "unionboard_" + hmac.new(key, b"cookie name", hashlib.sha256).hexdigest()[:10]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, body: str) -> str:
    return _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())


def issue(account: Account, key: bytes, now: dt.datetime | None = None) -> str:
    """A token for `account`, valid for session_hours() from `now`."""
    expires = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(hours=session_hours())
    payload = {"u": account.name, "s": account.stamp, "e": int(expires.timestamp())}
    body = _b64(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return f"{body}.{_signature(key, body)}"


def resume(token: str | None, users: dict[str, dict], key: bytes, now: dt.datetime | None = None) -> Account | None:
    """The account a token stands for, or None: a wrong signature, an expired token, or an account that is
    gone or changed since (its fingerprint differs)."""
    if not token or token.count(".") != 1:
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
    return Account(name, entry["role"], entry.get("town"), fingerprint)
