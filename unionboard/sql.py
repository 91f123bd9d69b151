"""Load and run the named-parameter SQL files in queries/.

Every statement unionboard runs is a file there, with a header saying what it answers or does, its
$parameters and its columns. Values always travel as $parameters. What DuckDB accepts only as text —
an identifier or a file path the code made (a kind's table and columns, a staging table, the file a
report is written to) — is a {{placeholder}} that `fill` substitutes, checking that it is one.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


def _queries_folder() -> Path:
    """Where the SQL files are: inside the package when installed (`pip install .` ships queries/ as
    unionboard/queries), else the project's queries/ beside the package."""
    package = Path(__file__).resolve().parent
    inside = package / "queries"
    return inside if inside.is_dir() else package.parent / "queries"


QUERIES = _queries_folder()


@functools.cache
def load_sql(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def path_literal(path: Path) -> str:
    """A file path as a SQL string literal (resolved, quotes doubled). Paths are the operator's
    configuration or files the code names, never a user value; DuckDB takes ATTACH targets and COPY
    files only as literals."""
    return _quoted(str(Path(path).resolve()))


def _quoted(text: str) -> str:
    """A SQL string literal of `text` (quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"


def _path_list(paths: Sequence[Path]) -> list[str]:
    """Path literals for a list of files (as path_literal), each folder resolved once: the report files of a
    database share one folder, and a district import made 1,273 resolve() calls for its ~215 files."""
    folders: dict[Path, Path] = {}
    out = []
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        out.append(_quoted(str(folder / path.name)))
    return out


def _filled(value: str | Path | Sequence[str] | Sequence[Path]) -> str:
    """The SQL text of one placeholder value (see fill)."""
    if isinstance(value, Path):
        return path_literal(value)
    if isinstance(value, str):
        if not _IDENTIFIER.fullmatch(value):
            raise ValueError(f"not an identifier: {value!r}")
        return value
    if isinstance(value, list) and all(isinstance(v, Path) for v in value):
        return "[" + ", ".join(_path_list(value)) + "]"
    if isinstance(value, tuple) and all(isinstance(v, str) and _IDENTIFIER.fullmatch(v) for v in value):
        return ", ".join(f'"{v}"' for v in value)
    raise ValueError(f"not a placeholder value: {value!r}")


def fill(name: str, **parts: str | Path | Sequence[str] | Sequence[Path]) -> str:
    """The text of queries/<name>.sql with its {{placeholders}} filled: a str is an identifier (a table,
    `schema.table` allowed), a tuple of str a list of column names (quoted), a Path a string literal, a
    list of Paths a list literal. Only for values the code made; a placeholder left without one is an
    error, parts the file does not use are ignored (like used_params)."""
    sql = load_sql(name)

    def one(m: re.Match) -> str:
        if m.group(1) not in parts:
            raise KeyError(f"{name}.sql: no value for {{{{{m.group(1)}}}}}")
        return _filled(parts[m.group(1)])

    return _PLACEHOLDER.sub(one, sql)


@functools.cache
def _named(sql: str) -> frozenset[str]:
    """The $parameters a statement uses (its comments left out: headers name parameters too)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return frozenset(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", code))


def used_params(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of `params` that `sql` uses, so callers may hand the same set to every file."""
    names = _named(sql)
    return {k: v for k, v in params.items() if k in names}


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters ($name) and return a DataFrame."""
    sql = load_sql(name)
    return con.execute(sql, used_params(sql, params)).df()


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    """Execute a statement and fetch its result, so the connection is free for the next one."""
    return con.execute(sql, params or {}).fetchall()
