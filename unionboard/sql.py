"""Load and run the named-parameter SQL files in queries/."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES = Path(__file__).resolve().parent.parent / "queries"


@functools.cache
def load_sql(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters ($name) and return a DataFrame.

    Only the parameters the file mentions are passed, so callers may hand the same set to all.
    """
    sql = load_sql(name)
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return con.execute(sql, used).df()


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    """Execute a statement and fetch its result, so the connection is free for the next one."""
    return con.execute(sql, params or {}).fetchall()
