"""Failures of the machine rather than of the file — a full disk, a read-only folder, a damaged
database, an unreadable accounts file — as one clear message: what happened and what to do.

Used at the boundaries: the command line's main (exit 1, no traceback), the dashboard's page setup
and 数据管理, and the importer's outer level (an import that fails half-way is recorded as refused).
The full traceback goes to the log (the server's or the terminal's standard error with
UNIONBOARD_DEBUG=1), never to the user.
"""
from __future__ import annotations

import errno
import logging
import re
import tomllib
from pathlib import Path

import duckdb

from .i18n import msg

log = logging.getLogger("unionboard")


class AccountsError(Exception):
    """The accounts file exists but cannot be read or parsed."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path, self.detail = Path(path), detail
        super().__init__(f"{path}: {detail}")


def _where(path: object, paths: bool, lang: str) -> str:
    """「PATH」 (' PATH' in English), only the file name when paths are not to be shown; '' for none."""
    if not path:
        return ""
    text = str(path) if paths else Path(str(path)).name
    if not text:
        return ""
    return msg("err_where", lang, name=text)


_ABSOLUTE = re.compile(r"(?:/[^/\s'\"]+)+/")


def _short(text: object, paths: bool, limit: int = 200) -> str:
    """An exception's own message, one line, shortened; folders removed unless paths are shown."""
    text = " ".join(str(text).split())
    if not paths:
        text = _ABSOLUTE.sub("", text)
    return text if len(text) <= limit else text[:limit] + "…"


def kind_of(exc: BaseException) -> str:
    """Which message (`err_<kind>` in the catalog) describes this exception."""
    if isinstance(exc, AccountsError):
        return "accounts_unreadable"
    if isinstance(exc, MemoryError):
        return "no_memory"
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "disk_full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "read_only"
        if exc.errno == errno.ENOENT:
            return "not_found"
        return "os_error"
    if isinstance(exc, duckdb.Error):
        text = str(exc)
        if "No space left on device" in text or "Disk quota exceeded" in text:
            return "disk_full"
        if "Permission denied" in text or "Read-only file system" in text:
            return "read_only"
        if isinstance(exc, duckdb.OutOfMemoryException):
            return "no_memory"
        if ("not a valid DuckDB database" in text or "Corrupt database" in text or "checksum" in text
                or isinstance(exc, duckdb.CatalogException) and "does not exist" in text):
            return "corrupt_db"
    return "unexpected"


def explain(exc: BaseException, lang: str = "zh", *, paths: bool = True, db: Path | None = None) -> str:
    """What happened and what to do, in the user's language ('zh' or 'en').

    With paths=False (the dashboard) only file names are shown, never the server's folders.
    """
    kind = kind_of(exc)
    path = getattr(exc, "filename", None)
    if isinstance(exc, AccountsError):
        path = exc.path
    elif kind == "corrupt_db":
        path = db
    if kind in ("unexpected", "os_error"):
        detail = f"{type(exc).__name__}: {_short(getattr(exc, 'strerror', None) or exc, paths)}"
    elif isinstance(exc, AccountsError):
        detail = _short(exc.detail, paths)
    else:
        detail = _short(exc, paths)
    return msg(f"err_{kind}", lang, where=_where(path, paths, lang), detail=detail)


def is_environment(exc: BaseException) -> bool:
    """A failure of the machine (disk, permissions, damaged files, memory), not a bug in unionboard."""
    return kind_of(exc) != "unexpected"


def report(exc: BaseException, context: str) -> None:
    """Write the full traceback to the log (for the maintainers; users see explain())."""
    log.error("%s: %s", context, exc, exc_info=(type(exc), exc, exc.__traceback__))


# Errors an accounts file can raise while being read (see accounts.load).
ACCOUNTS_READ_ERRORS = (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, ValueError, TypeError)
