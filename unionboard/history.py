"""The import history's lines (issue 26): appending one, the id the next one gets, and undoing a review
decision's line. The importer and review (issue 25) both write the history; both import it from here, so
neither imports the other (tests/test_import_graph.py)."""
from __future__ import annotations

import getpass
from pathlib import Path

import duckdb

from .i18n import msg
from .sql import execute, load_sql
from .store import transaction


class RollbackError(Exception):
    """A rollback that cannot be done (unknown import, refused import, backup gone)."""


def record(con: duckdb.DuckDBPyConnection, new_id: int, kind: str, file_name: str, digest: str, rows: int,
           result: str, detail: str, user: str | None) -> None:
    """Append one line to the import history."""
    execute(con, load_sql("record_import"),
            {"id": new_id, "kind": kind, "file": file_name, "sha": digest, "rows": rows, "result": result,
             "detail": detail, "user": user or os_user()})


def os_user() -> str:
    """Who runs the command line (the history says who imported)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


def next_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next line of the history gets."""
    return execute(con, load_sql("next_import_id"))[0][0]


def rollback_decision(db: Path, decision_id: int, new_id: int, user: str | None, lang: str) -> int:
    """Undo a decision (`rollback N` of a review line): the report waits again, and an acceptance's replaced
    report is current again. Refused while a later report replaced it. The caller holds the write lock."""
    with transaction(db) as w:
        undone = execute(w, load_sql("report_undecide"), {"decision": decision_id})
        if not undone:
            raise RollbackError(msg("rollback_decision_gone", lang, id=decision_id))
        report_id, import_id, snapshot, town = undone[0]
        execute(w, load_sql("report_unsupersede"), {"r": report_id, "import": import_id, "s": snapshot, "t": town})
        record(w, new_id, "rollback", f"#{decision_id}", "", 0, "rollback",
               msg("rollback_decision_detail", lang, id=decision_id, report=report_id, town=town,
                   date=snapshot.isoformat()), user)
    return new_id
