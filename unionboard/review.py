"""审核 and 说明 (issue 25, METRICS.md "Review"): a town's report counts once a 管理员 accepts it; the town explains
each roster-check finding of its report.

A report uploaded by a 街镇 account (or imported with `--pending`) while review is on waits (待审核) beside the
accepted report of its date, which stays in force (the SQL rule: `current_reports`, queries/vocabulary.sql, reads
accepted reports only). A decision is one conditional UPDATE (queries/report_decide.sql): of two 管理员 deciding
the same report at once, one wins and the other is told. Every decision and explanation is a line of the history;
`rollback N` of a decision makes the report wait again. An explanation is kept by report, 统一社会信用代码 and
核对项; a finding that a later events import explains is no longer computed, so its explanation is simply not
shown any more.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .history import next_id, record
from .i18n import msg
from .sql import execute, load_sql, run_query
from .store import connect_read, transaction, write_lock
from .views import frame

PENDING, RETURNED, ACCEPTED = "待审核", "已退回", "已通过"
FINDING_NAMES = ("单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报")
MAX_TEXT = 500  # characters of a reason or an explanation


class ReviewError(Exception):
    """A review request refused (unknown or already decided report, no reason, a finding the report lacks, a
    town acting on another town's report): carries the user's message; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    """Who acts from the dashboard: their name, whether they may decide (管理员), and the town of a 街镇 account.
    The command line acts as the operator (no Actor): it may decide and explain any report."""

    name: str
    can_decide: bool
    town: str | None = None


@dataclass
class Report:
    """One report as the review sees it (queries/review_reports.sql)."""

    report_id: int
    import_id: int
    snapshot: dt.date
    town: str
    received_at: dt.datetime
    received_by: str | None
    file_name: str | None
    units: int
    file: str
    notes: str | None
    review: str
    decided_by: str | None
    decided_at: dt.datetime | None
    reason: str | None
    decision: int | None
    superseded_by: int | None
    prev_date: dt.date | None
    prev_units: int | None
    replaces_units: int | None

    @property
    def change(self) -> int | None:
        """Units against the town's previous accepted report."""
        return None if self.prev_units is None else self.units - self.prev_units

    @property
    def note_lines(self) -> list[str]:
        """The reading notices and warnings recorded with the report."""
        return [line for line in (self.notes or "").split("\n") if line]


def _reports(con: duckdb.DuckDBPyConnection, report_id: int | None = None, town: str | None = None) -> list[Report]:
    """Reports waiting for review (oldest first), or the one with `report_id`."""
    rows = execute(con, load_sql("review_reports"), {"id": report_id, "town": town})
    return [Report(*r) for r in rows]


def waiting(con: duckdb.DuckDBPyConnection, town: str | None = None) -> list[Report]:
    """The reports waiting for review, oldest first (one town's with `town`)."""
    return _reports(con, None, town)


def report(con: duckdb.DuckDBPyConnection, report_id: int) -> Report | None:
    """One report by its id (REPORT), in any state; None if there is none."""
    found = _reports(con, int(report_id))
    return found[0] if found else None


def findings(con: duckdb.DuckDBPyConnection, rep: Report, viewer_towns: list[str] | None = None) -> pd.DataFrame:
    """The roster check (名册核对) of one report, with the town's explanations: the `changes` view's columns,
    its file standing in for the town's report at its date (an accepted report in force is that file already).
    `viewer_towns`: a 街镇 account asking sees no other town's values (queries/roster_changes.sql, issue 28)."""
    folder = execute(con, load_sql("reports_folder"))[0][0]
    files = [(f, t) for f, t, _ in execute(con, load_sql("roster_files"), {"as_of": rep.snapshot})]
    now = [f for f, t in files if t != rep.town] + [f"{folder}/{rep.file}"]
    before = [r[0] for r in execute(con, load_sql("roster_files"), {"as_of": rep.snapshot - dt.timedelta(days=1)})]
    return frame(con, "roster_changes", {"snapshot": rep.snapshot, "roster_files": now, "before_files": before,
                                         "towns": [rep.town], "viewer_towns": viewer_towns})


def rows(con: duckdb.DuckDBPyConnection, rep: Report) -> pd.DataFrame:
    """The units of a report as sent (for the reviewer's download), in the roster's Chinese columns."""
    from .kinds import KINDS

    folder = execute(con, load_sql("reports_folder"))[0][0]
    df = run_query(con, "report_rows", file=f"{folder}/{rep.file}")
    return df.rename(columns={c.key: c.zh for c in KINDS["units"].cols})


def town_reports(con: duckdb.DuckDBPyConnection, town: str) -> pd.DataFrame:
    """A town's current reports, newest first, with their review state (数据管理)."""
    return frame(con, "town_reports", {"town": town})


def _history_line(w: duckdb.DuckDBPyConnection, new_id: int, rep: Report, result: str, detail: str, user: str) -> None:
    """A decision or explanation as a line of the history (kind 'review' or 'explain')."""
    kind = "review" if result in ("accepted", "returned") else "explain"
    record(w, new_id, kind, f"#{rep.report_id} {rep.town} {rep.snapshot.isoformat()}", "", rep.units, result,
           detail, user)


def _next_id(db: Path) -> tuple[int, duckdb.DuckDBPyConnection]:
    """A read connection and the id the next history line gets."""
    con = connect_read(db)
    return next_id(con), con


def decide(db: Path, report_id: int, accept: bool, reason: str | None = None, *, user: str,
           actor: Actor | None = None, lang: str = "zh", at: dt.datetime | None = None) -> int:
    """Accept (通过) or return (退回, with its reason) a report waiting for review; the decision's history id.

    Refused (ReviewError, nothing changed): an account that may not decide (a 街镇 account, its own report
    included), an unknown report, one already decided or replaced (also when another 管理员 decided it a moment
    before: the UPDATE is conditional), a return without a reason. `at`: when it was decided (default now; the
    sample's decisions are dated in its year).
    """
    reason = (reason or "").strip()
    if actor is not None and not actor.can_decide:
        key = "review_own_report" if actor.town else "review_admin_only"
        raise ReviewError(msg(key, lang, town=actor.town or ""))
    if not accept and not reason:
        raise ReviewError(msg("review_reason_required", lang))
    if len(reason) > MAX_TEXT:
        raise ReviewError(msg("review_text_long", lang, n=MAX_TEXT))
    with write_lock(db):
        new_id, con = _next_id(db)
        try:
            rep = report(con, report_id)
        finally:
            con.close()
        if rep is None:
            raise ReviewError(msg("review_unknown", lang, id=report_id))
        with transaction(db) as w:
            state = ACCEPTED if accept else RETURNED
            done = execute(w, load_sql("report_decide"), {"r": rep.report_id, "state": state, "by": user,
                                                           "reason": reason or None, "decision": new_id,
                                                           "at": at})
            if not done:  # decided or replaced since it was shown: the transaction is discarded
                raise ReviewError(_not_waiting(rep, lang))
            if accept:
                execute(w, load_sql("report_accept_supersede"),
                        {"r": rep.report_id, "import": rep.import_id, "s": rep.snapshot, "t": rep.town})
                # the explanations given on the accepted report it replaces follow it (where it has none of its own)
                execute(w, load_sql("explanations_carry"),
                        {"r": rep.report_id, "id": rep.import_id, "s": rep.snapshot, "t": rep.town})
            detail = msg("review_accepted_detail" if accept else "review_returned_detail", lang,
                         id=rep.report_id, town=rep.town, date=rep.snapshot.isoformat(), reason=reason)
            _history_line(w, new_id, rep, "accepted" if accept else "returned", detail, user)
    return new_id


def _not_waiting(rep: Report, lang: str) -> str:
    """Why a report cannot be decided: decided already (by whom, when), or replaced by a later report."""
    if rep.superseded_by is not None:
        return msg("review_replaced", lang, id=rep.report_id)
    if rep.review != PENDING:
        return msg("review_decided", lang, id=rep.report_id, state=rep.review, by=rep.decided_by or "",
                   at=rep.decided_at.strftime("%Y-%m-%d %H:%M") if rep.decided_at else "")
    return msg("review_decided_now", lang, id=rep.report_id)


def explain(db: Path, report_id: int, items: list[tuple[str, str, str]], *, user: str,
            actor: Actor | None = None, lang: str = "zh") -> int:
    """Record the town's explanations (说明) of findings of one report — (统一社会信用代码, 核对项, text) — in one
    change; the history id. Refused (nothing changed): an unknown or replaced report, a 街镇 account explaining
    another town's report, a finding the report does not have, an empty or overlong text."""
    items = [(str(c).strip().upper(), str(f).strip(), str(x).strip()) for c, f, x in items]
    if not items:
        raise ReviewError(msg("explain_nothing", lang))
    with write_lock(db):
        new_id, con = _next_id(db)
        try:
            rep = report(con, report_id)
            if rep is None:
                raise ReviewError(msg("review_unknown", lang, id=report_id))
            if actor is not None and actor.town and actor.town != rep.town:
                raise ReviewError(msg("explain_other_town", lang, id=rep.report_id, town=actor.town))
            if rep.superseded_by is not None:
                raise ReviewError(msg("review_replaced", lang, id=rep.report_id))
            found = findings(con, rep)
        finally:
            con.close()
        present = set(zip(found["统一社会信用代码"], found["核对项"], strict=True))
        for code, finding, text in items:
            if finding not in FINDING_NAMES:
                raise ReviewError(msg("explain_unknown_finding", lang, finding=finding, allowed="、".join(FINDING_NAMES)))
            if (code, finding) not in present:
                raise ReviewError(msg("explain_no_finding", lang, id=rep.report_id, code=code, finding=finding))
            if not text:
                raise ReviewError(msg("explain_empty", lang, code=code, finding=finding))
            if len(text) > MAX_TEXT:
                raise ReviewError(msg("review_text_long", lang, n=MAX_TEXT))
        with transaction(db) as w:
            for code, finding, text in items:
                execute(w, load_sql("explanation_set"),
                        {"r": rep.report_id, "code": code, "finding": finding, "text": text, "by": user})
            detail = msg("explain_detail", lang, id=rep.report_id, town=rep.town, n=len(items))
            _history_line(w, new_id, rep, "explained", detail, user)
    return new_id
