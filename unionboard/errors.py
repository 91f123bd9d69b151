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

log = logging.getLogger("unionboard")

MESSAGES: dict[str, tuple[str, str]] = {
    "disk_full": ("磁盘空间已满，无法写入{where}。数据库未作改动。请清理磁盘空间（或让管理员扩容）后重试。",
                  "The disk is full: cannot write{where}. Nothing was changed. Free some disk space and try again."),
    "read_only": ("没有写入权限，无法写入{where}。数据库未作改动。请让管理员检查数据文件夹的权限"
                  "（运行看板和命令行的用户需要可写），或是否挂载为只读。",
                  "No permission to write{where}. Nothing was changed. Ask the administrator to check the data "
                  "folder's permissions (the dashboard's and the command line's user must be able to write) "
                  "or whether it is mounted read-only."),
    "not_found": ("找不到{where}。请检查路径（数据库：--db 或 UNIONBOARD_DB）。",
                  "Cannot find{where}. Check the path (database: --db or UNIONBOARD_DB)."),
    "corrupt_db": ("数据库文件{where}已损坏或不是 unionboard 数据库（{detail}）。请停止导入，由管理员用 data/backups/ "
                   "中的备份替换该文件（或重新运行 init 后重新导入）。",
                   "The database file{where} is damaged or is not a unionboard database ({detail}). Stop importing; "
                   "the administrator should replace it with a backup from data/backups/ (or run init and import again)."),
    "accounts_unreadable": ("账户文件{where}无法读取（{detail}）。在修复之前无人能够登录。请管理员修正该文件，"
                            "或删除后用 python -m unionboard user add 重新建立账户。",
                            "The accounts file{where} cannot be read ({detail}). Nobody can sign in until it is "
                            "fixed: correct it, or delete it and create the accounts again with "
                            "python -m unionboard user add."),
    "no_memory": ("内存不足，操作未完成，数据库未作改动。请关闭其他程序或分批导入后重试。",
                  "Out of memory: nothing was done or changed. Close other programs or import in parts and try again."),
    "os_error": ("系统错误，无法访问{where}（{detail}）。数据库未作改动。请让管理员检查磁盘和文件夹。",
                 "System error: cannot access{where} ({detail}). Nothing was changed. Ask the administrator to "
                 "check the disk and the folder."),
    "unexpected": ("发生意外错误（{detail}），操作未完成，数据库未作改动。请把所用文件和此信息交给系统维护人员；"
                   "详细信息已写入服务器日志。",
                   "Unexpected error ({detail}); nothing was done or changed. Give the file you used and this "
                   "message to the maintainers; the details are in the server log."),
}


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
    return f" {text}" if lang == "en" else f"「{text}」"


_ABSOLUTE = re.compile(r"(?:/[^/\s'\"]+)+/")


def _short(text: str, paths: bool, limit: int = 200) -> str:
    """An exception's own message, one line, shortened; folders removed unless paths are shown."""
    text = " ".join(str(text).split())
    if not paths:
        text = _ABSOLUTE.sub("", text)
    return text if len(text) <= limit else text[:limit] + "…"


def kind_of(exc: BaseException) -> str:
    """Which of MESSAGES describes this exception."""
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
    if kind == "accounts_unreadable":
        path = exc.path
    elif kind == "corrupt_db":
        path = db
    if kind in ("unexpected", "os_error"):
        detail = f"{type(exc).__name__}: {_short(getattr(exc, 'strerror', None) or exc, paths)}"
    elif kind == "accounts_unreadable":
        detail = _short(exc.detail, paths)
    else:
        detail = _short(exc, paths)
    zh, en = MESSAGES[kind]
    return (en if lang == "en" else zh).format(where=_where(path, paths, lang), detail=detail)


def is_environment(exc: BaseException) -> bool:
    """A failure of the machine (disk, permissions, damaged files, memory), not a bug in unionboard."""
    return kind_of(exc) != "unexpected"


def report(exc: BaseException, context: str) -> None:
    """Write the full traceback to the log (for the maintainers; users see explain())."""
    log.error("%s: %s", context, exc, exc_info=(type(exc), exc, exc.__traceback__))


# Errors an accounts file can raise while being read (see accounts.load).
ACCOUNTS_READ_ERRORS = (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, ValueError, TypeError)
