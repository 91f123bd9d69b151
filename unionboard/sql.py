"""Load and run the named-parameter SQL files in queries/."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES = Path(__file__).resolve().parent.parent / "queries"


@functools.cache
def load_sql(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


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
