"""How the rows of a kind are checked as a whole table and written: by key (a dictionary: a row replaces
the one with its key) or as a log (each row a record, a file already imported adds nothing).

The units' monthly reports have a style of their own (unionboard.kinds.units.Reports). Every style
offers `check(kind, table, job) -> Checked` and `write(con, kind, payload, receipt, lang) -> str`, which
the importer calls for each table of a file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from ..i18n import pick
from ..sql import execute, fill
from ..validate import Context, Problem, check_table, typed

if TYPE_CHECKING:
    from ..kind import Kind
    from ..readers import RawTable
    from ..stage import Stage


@dataclass
class Job:
    """One file being checked: what was said at import, and what its tables share."""

    file_name: str
    ctx: Context
    snapshot: dt.date | None = None
    replace: bool = False
    town: str | None = None          # the one town a report may cover (--town, a 街镇 account)
    stage: Stage | None = None       # where a report's checked rows wait (None: checked only)
    stage_table: str = "incoming_0"  # the table of `stage` for this table's rows (made by the importer)
    lang: str = "zh"
    # (报表日期, 街镇) → the sheet that reports it: two sheets of one file may not report the same town
    reported: dict[tuple[dt.date, str], str] = field(default_factory=dict)


@dataclass
class Checked:
    """What checking one table found, and what writing it needs."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    payload: object = None   # what `write` takes: the typed frame, or the staged report
    counted: bool = True     # the table held rows: its kind is one the file brings
    plans: list = field(default_factory=list)  # reports: per town covered, what the file does (importer.ReportPlan)


def empty_table(file_name: str, table: RawTable) -> Checked:
    """A table with a header and no rows."""
    return Checked(counted=False, problems=[Problem(file_name, table.sheet, None, None, None, "empty_file", {})])


def added_line(kind: Kind, rows: int, added: int, lang: str) -> str:
    """What writing a file did: `商务楼宇: +2, =1` (rows added, rows already there)."""
    return f"{pick((kind.zh, kind.key), lang)}: +{added}, ={rows - added}"


class _WholeTable:
    """A kind checked as one table (its rules look at every row at once) and written in one statement."""

    table: str
    dated = False  # a file of this kind has no report date (--snapshot is refused)

    def check(self, kind: Kind, table: RawTable, job: Job) -> Checked:
        """Check the table against the context; a clean table teaches the context what it defines."""
        table = table.whole()
        if not len(table):
            return empty_table(job.file_name, table)
        rows = len(table)  # counted first: checking releases the table's raw text
        df, ch = check_table(kind, table, job.file_name, job.ctx)
        if not ch.problems:
            kind.learn(job.ctx, df)
        return Checked(rows, ch.problems, ch.warnings, payload=df)

    def statement(self, kind: Kind) -> str:
        """The statement writing `incoming`; returns one row per row it adds (and, by key, per row it replaces)."""
        raise NotImplementedError

    def added(self, result: list[tuple]) -> int:
        """Rows added, from what the statement returned."""
        return len(result)

    def write(self, con: duckdb.DuckDBPyConnection, kind: Kind, df: pd.DataFrame, receipt: object, lang: str) -> str:
        """Write the checked frame (registered as `incoming`); a line saying what was added."""
        con.register("incoming", typed(kind, df))
        try:
            added = self.added(execute(con, self.statement(kind)))
        finally:
            # after a failed statement the transaction refuses even this: keep the first error visible
            with contextlib.suppress(duckdb.Error):
                con.unregister("incoming")
        return added_line(kind, len(df), added, lang)


@dataclass(frozen=True)
class Upsert(_WholeTable):
    """A dictionary: a row whose key is in the table replaces that row, the others are added
    (queries/apply_upsert.sql, or the kind's own `query` where it writes differently)."""

    table: str
    key: tuple[str, ...]
    query: str = "apply_upsert"

    def statement(self, kind: Kind) -> str:
        """The MERGE of queries/<query>.sql for this table and key."""
        return fill(self.query, table=self.table, key=self.key)

    def added(self, result: list[tuple]) -> int:
        """MERGE returns each row's action: the INSERTs were added."""
        return sum(1 for (action,) in result if action == "INSERT")


@dataclass(frozen=True)
class Log(_WholeTable):
    """A log: each row is a record; rows already present (as a multiset: two identical rows are two
    records) are not added again (queries/apply_log.sql)."""

    table: str

    def statement(self, kind: Kind) -> str:
        """The INSERT … EXCEPT ALL of queries/apply_log.sql over the kind's columns."""
        return fill("apply_log", table=self.table, cols=tuple(c.key for c in kind.cols))
