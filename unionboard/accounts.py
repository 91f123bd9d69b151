"""Accounts and roles: 领导 views all, 街镇 sees district figures and its own town's unit lists,
管理员 may also import and roll back. Passwords are stored as bcrypt hashes in a TOML file.

The file is $UNIONBOARD_ACCOUNTS, else accounts.toml beside the database. With no file (or no
users in it) the dashboard is read-only for everybody; the command line is not affected.
"""
from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

from .errors import ACCOUNTS_READ_ERRORS, AccountsError
from .i18n import msg

ROLES = ("领导", "街镇", "管理员")


@dataclass(frozen=True)
class Account:
    """A user: name, role, and (for 街镇) the town; `stamp` identifies the file entry it was made from."""

    name: str
    role: str
    town: str | None = None
    stamp: str = field(default="", compare=False, repr=False)

    @property
    def can_import(self) -> bool:
        """Only 管理员 may import and roll back."""
        return self.role == "管理员"

    @property
    def unit_towns(self) -> list[str] | None:
        """Towns whose unit lists this account may see (None: all)."""
        return [self.town] if self.role == "街镇" and self.town else None


# Views that name single units, and the counts of them per town: an account limited to a town
# (街镇) sees these for its own town only — on the pages, in their downloads, in the 通报 and in
# the all-views workbook. Every other view shows district figures to everybody.
UNIT_LISTS = frozenset({"uncovered", "key-uncovered", "followup", "uncovered-by-town", "key-uncovered-by-town",
                        "changes", "changes-by-town"})


def view_towns(name: str, towns: list[str], unit_towns: list[str] | None) -> list[str]:
    """The towns view `name` is computed for: `towns` (the filter), or `unit_towns` for a unit list."""
    return list(unit_towns) if unit_towns and name in UNIT_LISTS else list(towns)


def accounts_path(db: Path) -> Path:
    """Where the accounts file is."""
    env = os.environ.get("UNIONBOARD_ACCOUNTS")
    return Path(env) if env else Path(db).parent / "accounts.toml"


def load(path: Path) -> dict[str, dict]:
    """The users of an accounts file ({} when there is none); AccountsError when it cannot be read."""
    if not Path(path).exists():
        return {}
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        users = data.get("users", {})
        if not isinstance(users, dict):
            raise ValueError("[users] is not a table")
    except ACCOUNTS_READ_ERRORS as exc:
        raise AccountsError(Path(path), f"{type(exc).__name__}: {exc}") from exc
    return {name: u for name, u in users.items() if isinstance(u, dict) and u.get("password_hash")}


def verify(users: dict[str, dict], name: str, password: str) -> Account | None:
    """The account when the password matches its bcrypt hash, else None (same time either way)."""
    entry = users.get(name)
    hashed = (entry or {}).get("password_hash", "$2b$12$" + "." * 53).encode()
    try:
        ok = bcrypt.checkpw(password.encode("utf-8"), hashed)
    except ValueError:
        ok = False
    if not ok or entry is None or entry.get("role") not in ROLES:
        return None
    return Account(name, entry["role"], entry.get("town"), stamp(entry))


def stamp(entry: dict) -> str:
    """A fingerprint of a user's entry: changes with its role, town or password."""
    text = "\x1f".join(str(entry.get(k, "")) for k in ("role", "town", "password_hash"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current(users: dict[str, dict], account: Account) -> Account | None:
    """The account if the file still holds it unchanged (same role, town and password), else None.

    Checked on every rerun: a role, town or password changed on the server, or the user removed,
    ends the session at once.
    """
    entry = users.get(account.name)
    if entry is None or entry.get("role") not in ROLES or stamp(entry) != account.stamp:
        return None
    return account


# A name is typed in the sign-in form: no control characters or line breaks (they would also break
# the TOML file), no spaces at either end (the form strips them), and a sensible length.
_NAME_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
MAX_NAME = 64


def name_problem(name: str, lang: str = "zh") -> str | None:
    """Why `name` cannot be an account name (None when it can)."""
    if not name or not name.strip():
        return msg("name_empty", lang)
    if _NAME_BAD.search(name):
        return msg("name_control", lang)
    if name != name.strip():
        return msg("name_spaces", lang)
    if len(name) > MAX_NAME:
        return msg("name_too_long", lang, n=MAX_NAME)
    return None


def _toml_str(value: str) -> str:
    """A TOML basic string; control characters escaped, so no value can break the file."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _NAME_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", escaped) + '"'


def add_user(path: Path, name: str, role: str, password: str, town: str | None = None) -> None:
    """Add or replace a user (the password is stored only as a bcrypt hash).

    The new file is written beside the old one, parsed back and compared before it replaces it:
    whatever the values, the accounts file is never left unreadable.
    """
    problem = name_problem(name, "en")
    if problem:
        raise ValueError(problem)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if role == "街镇" and not town:
        raise ValueError("a 街镇 account needs --town")
    users = load(path)
    users[name] = {"role": role, "password_hash": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()}
    if town:
        users[name]["town"] = town
    _write(path, users)


def remove_user(path: Path, name: str) -> bool:
    """Remove a user (issue 22/28: `user remove`); False when there is none of that name. The file is
    rewritten as add_user writes it."""
    users = load(path)
    if name not in users:
        return False
    del users[name]
    _write(path, users)
    return True


def _write(path: Path, users: dict[str, dict]) -> None:
    """Write the accounts file: beside the old one, parsed back and compared, then renamed over it."""
    lines = ["# unionboard accounts: roles 领导 / 街镇 / 管理员; passwords as bcrypt hashes", ""]
    for n, u in users.items():
        lines.append(f"[users.{_toml_str(n)}]")
        lines += [f"{k} = {_toml_str(str(v))}" for k, v in u.items()]
        lines.append("")
    text = "\n".join(lines)
    if tomllib.loads(text).get("users") != {n: {k: str(v) for k, v in u.items()} for n, u in users.items()}:
        raise ValueError("the accounts file would not read back as written")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
