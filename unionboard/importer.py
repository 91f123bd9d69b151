"""Import files into the database: read, validate everything, then apply all or nothing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from . import layout
from .defaults import JIADING_TOWNS
from .history import RollbackError, rollback_decision  # issue 26: the history's lines, shared with review
from .history import next_id as _next_id
from .history import os_user as _os_user
from .history import record as _record
from .i18n import join, msg
from .kinds import APPLY_ORDER, INSTRUCTION_SHEETS, KINDS, Kind, kind_for_name
from .kinds.store import Job
from .kinds.units import ReportPlan, Reports
from .readers import Notice, RawTable, ReadError, Sheet, Source, read_file, source_digest
from .sql import execute, fill, load_sql
from .stage import Stage, StagedUnits, staging_database
from .store import (
    LAYOUT_FILE,
    backup_dir,
    connect_read,
    prune_backups,
    remove_orphan_report_files,
    reports_dir,
    transaction,
    write_lock,
)
from .validate import Context, Problem, capped_notices, report_columns, rows_text
from .views import town_lookup


@dataclass
class ImportResult:
    """What an import did (or why it was refused)."""

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # what reading skipped or inferred (title rows, totals…)
    summary: list[str] = field(default_factory=list)
    import_id: int | None = None
    rows: int = 0
    kinds: list[str] = field(default_factory=list)
    reports: list[ReportPlan] = field(default_factory=list)  # units: per town covered, what the file does
    findings: pd.DataFrame | None = None  # units: what the roster check finds in the reports (the changes view)

    @property
    def needs_confirmation(self) -> bool:
        """A report replaces an earlier one of the same date, or a town shrinks by more than 20%."""
        return any(r.replaces is not None or r.shrinks for r in self.reports)

    def report(self, lang: str = "zh") -> pd.DataFrame:
        """The problems as a table (for display and download)."""
        return pd.DataFrame([p.record(lang) for p in self.problems], columns=report_columns(lang))


def load_context(con: duckdb.DuckDBPyConnection) -> Context:
    """The dictionaries an import is checked against."""
    towns, lookup = town_lookup(con)
    buildings = set(execute(con, load_sql("context_buildings")))
    feds = {r[0] for r in execute(con, load_sql("context_federations"))}
    reports = {(s, t): (i, n, r) for s, t, i, n, r in execute(con, load_sql("context_reports"))}
    # issue 24: where the towns' areas are named (the report files are read only for a targets file naming areas)
    files: dict[str, list[str]] = {}
    for town, file in execute(con, load_sql("context_report_files")):
        files.setdefault(town, []).append(file)
    known_areas = set(execute(con, load_sql("context_federation_areas")))
    return Context(towns, lookup, buildings, feds, reports, files, known_areas)


def _assign_kinds(sheets: list[Sheet], kind: str | None, file_name: str, lang: str
                  ) -> tuple[list[tuple[Kind, RawTable]], list[Problem], list[Problem], list[Problem]]:
    """Which kind each sheet holds, and where its header is (layout.find_header): the KIND given, else
    the sheet's name, else the kind whose required columns a row of its first 20 holds.

    Returns (kind, table) pairs in APPLY_ORDER, problems, warnings and notices (hidden sheets skipped).
    """
    allowed = "、".join(f"{k.key}/{k.zh}" for k in KINDS.values())
    problems: list[Problem] = []
    warnings: list[Problem] = []
    notices: list[Problem] = []
    visible = []
    for s in sheets:
        if s.name in INSTRUCTION_SHEETS:
            notices.append(Problem(file_name, s.name, None, None, None, "instructions_skipped", {"sheet": s.name}))
        elif s.hidden:
            notices.append(Problem(file_name, s.name, None, None, None, "hidden_sheet_skipped", {"sheet": s.name}))
            notices += [_from_notice(file_name, n, lang) for n in s.notices if n.row is None and n.col is None
                        and n.key in ("read_as", "read_tsv")]
        else:
            visible.append(s)
    if kind and kind != "auto":
        k = kind_for_name(kind)
        if k is None:
            return [], [Problem(file_name, None, None, None, kind, "unknown_kind", {"kind": kind, "allowed": allowed})], [], []
        named = [s for s in visible if s.name and kind_for_name(s.name) == k]
        closest: tuple[layout.Opened, layout.Header | None] | None = None
        for s in named + [s for s in visible if s not in named]:
            opened = layout.open_sheet(s)
            header = layout.find_header(opened, [k])
            if header is not None and header.found:
                return [(k, layout.table(opened, header, lang))], problems, warnings, notices
            if closest is None or (closest[1] is None and header is not None):
                closest = (opened, header)
            if s in named:
                break  # the sheet named for the kind is the one that must hold it
        problems += _no_header(file_name, k, closest)
        return [], problems, warnings, notices
    pairs = []
    for s in visible:
        opened = layout.open_sheet(s)
        named_kind = kind_for_name(s.name) if s.name else None
        header = layout.find_header(opened, [named_kind] if named_kind else list(KINDS.values()))
        if header is not None and header.found:
            pairs.append((header.kind, layout.table(opened, header, lang)))
        elif named_kind is not None:
            problems += _no_header(file_name, named_kind, (opened, header))
        elif s.name is None:
            problems.append(Problem(file_name, None, None, None, None, "kind_csv_auto", {}))
        else:
            warnings.append(Problem(file_name, s.name, None, None, None, "sheet_ignored", {"sheet": s.name}))
    if not pairs and not problems:
        problems.append(Problem(file_name, None, None, None, None, "no_kind", {"allowed": allowed}))
    pairs.sort(key=lambda p: APPLY_ORDER.index(p[0].key))
    return pairs, problems, warnings, notices


def _no_header(file_name: str, kind: Kind, closest: tuple[layout.Opened, layout.Header | None] | None) -> list[Problem]:
    """No row of the first 20 holds the kind's required columns: name the closest row and what it lacks."""
    if closest is None or closest[1] is None:
        sheet = closest[0].sheet.name if closest else None
        return [Problem(file_name, sheet, None, None, None, "empty_file", {})]
    opened, header = closest
    assert header is not None  # (the case above)
    return [Problem(file_name, opened.sheet.name, header.rows[0], col, None, "missing_column", {"col": col})
            for col in header.missing]


def _from_notice(file_name: str, n: Notice, lang: str) -> Problem:
    """A reader's notice as a Problem line (row lists written as ranges, columns as letters)."""
    params = dict(n.params)
    if "rows" in params and isinstance(params["rows"], list):
        params["rows"] = rows_text(params["rows"], lang)
    if n.key == "hidden_rows_cols":
        rows, cols = n.params["rows"], n.params["cols"]
        parts = []
        if rows:
            parts.append(msg("hidden_rows_part", lang, n=len(rows), rows=rows_text(rows, lang)))
        if cols:
            letters = "、".join(layout.letter(c) for c in cols[:20]) + ("…" if len(cols) > 20 else "")
            parts.append(msg("hidden_cols_part", lang, n=len(cols), cols=letters))
        params = {"what": join(parts, lang)}
    if n.key == "read_as":
        params["fmt"] = msg(f"fmt_{n.params['fmt']}", lang)
    return Problem(file_name, n.sheet, n.row, n.header, n.value, n.key, params,
                   layout.letter(n.col) if n.col is not None else None)


def validate_file(ctx: Context, data: Source, file_name: str, kind: str | None = None, *,
                  snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                  stage: Stage | None = None, town: str | None = None, prefix: str = ""
                  ) -> tuple[list[tuple[str, pd.DataFrame | StagedUnits]], ImportResult]:
    """Read and check a file against ctx; changes nothing. Returns what to apply and a result.

    The small kinds come back as typed frames. A roster is checked piece by piece; with a `stage`
    its typed rows are kept there and come back as StagedUnits. A roster is the report of the towns
    whose rows it holds; `town` declares the one town it may hold (--town, or a 街镇 account).
    """
    result = ImportResult(ok=False)
    frames: list[tuple[str, pd.DataFrame | StagedUnits]] = []
    try:
        if town is not None and town not in ctx.lookup:
            result.problems.append(Problem(file_name, None, None, None, town, "unknown_town_arg_import", {"town": town}))
            return [], result
        town = ctx.lookup.get(town) if town is not None else None
        ctx.declared_town = town  # issue 24: a targets file with a declared town holds its areas' targets only
        sheets = read_file(data, file_name, lang)
        pairs, problems, warnings, notices = _assign_kinds(sheets, kind, file_name, lang)
        result.problems += problems
        result.warnings += warnings
        result.notices += notices
        job = Job(file_name, ctx, snapshot, replace, town, stage, lang=lang)
        for n, (k, table) in enumerate(pairs):
            if snapshot is not None and not k.store.dated and kind not in (None, "auto"):
                result.problems.append(Problem(file_name, table.sheet, None, None, None, "bad_replace", {}))
            job.stage_table = f"incoming_{prefix}{n}"  # made here, never a user value
            checked = k.store.check(k, table, job)
            result.rows += checked.rows
            result.problems += checked.problems
            result.warnings += checked.warnings
            result.notices += checked.notices
            _add_reading(result, file_name, table, lang)  # once the table was read to its end
            if checked.counted:
                result.kinds.append(k.key)
            if checked.payload is not None:
                frames.append((k.key, checked.payload))
            result.reports += checked.plans
    except ReadError as exc:  # also raised part-way through a file read piece by piece
        result.problems.append(Problem(file_name, None, None, None, None, "bad_file", {"err": str(exc)}))
        return [], result
    result.warnings = capped_notices(result.warnings)  # however many sheets: as many as problems, then a count
    result.ok = not result.problems
    return frames, result


def _add_reading(result: ImportResult, file_name: str, table: RawTable, lang: str) -> None:
    """Add what reading a checked table found (warnings, notices) to the result, once all its pieces were read."""
    result.warnings += [_from_notice(file_name, n, lang) for n in table.reading.warnings]
    result.notices += [_from_notice(file_name, n, lang) for n in table.reading.notices]


# ---------------------------------------------------------------- applying

def _apply(con: duckdb.DuckDBPyConnection, kind: str, payload: pd.DataFrame | StagedUnits, lang: str,
           receipt: Receipt | None = None) -> str:
    """Write one validated table (or a staged report) as its kind stores it; a line saying what changed."""
    k = KINDS[kind]
    return k.store.write(con, k, payload, receipt, lang)


@dataclass
class Receipt:
    """Who sent a report, when, from which file, and the import (and database) it is part of."""

    db: Path
    import_id: int
    received_at: dt.datetime
    received_by: str
    file_name: str
    # issue 25: the review state the reports get (已通过, or 待审核 until a 管理员 decides), what reading the
    # file noticed (shown to the reviewer), and the town's explanations given with the upload, per town
    review: str = "已通过"
    notes: list[str] = field(default_factory=list)
    explanations: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


@dataclass
class ImportRequest:
    """One file to import, with what was said about it at import (see import_bytes): its bytes, or the
    file on disk (a text file is then read as it is parsed, never held whole)."""

    data: Source
    file_name: str
    kind: str | None = None
    snapshot: dt.date | None = None
    replace: bool = False
    town: str | None = None
    received: dt.datetime | dt.date | None = None
    # issue 25: wait for review (a 街镇 account's upload, `import --pending`); only while review is on
    pending: bool = False
    # explanations (说明) given with the upload: town → [(统一社会信用代码, 核对项, text)]
    explanations: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


def import_bytes(db: Path, data: Source, file_name: str, kind: str | None = None, *,
                 snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                 user: str | None = None, town: str | None = None,
                 received: dt.datetime | dt.date | None = None, pending: bool = False,
                 explanations: dict[str, list[tuple[str, str, str]]] | None = None) -> ImportResult:
    """Validate and import one file; all or nothing, recorded in the history either way.

    A units file is the report of the towns it covers (each replacing that town's report of the date
    only with `replace`); `town` declares the one town it may cover; `received` is when the report
    was received (default: now). The state before an accepted import is kept in the backups folder.
    With `pending` (and review on: METRICS.md "Review") its reports wait for a 管理员 (待审核), counted in
    no figure; `explanations` are the town's 说明 of findings of its report, given with the upload.
    An unexpected failure part-way (a value the database refuses, a bug) changes nothing and is
    recorded as refused, with a clear message; when even that record cannot be written (a full
    disk, a read-only folder, a damaged database) the original error is raised for the caller's
    boundary to explain (unionboard.errors).
    """
    request = ImportRequest(data, file_name, kind, snapshot, replace, town, received, pending, explanations or {})
    try:
        return import_many(db, [request], lang=lang, user=user)[0]
    except Exception as exc:  # noqa: BLE001 - recorded and explained, never a traceback
        return _refused_by_failure(db, data, file_name, kind, exc, lang, user)


def _refused_by_failure(db: Path, data: Source, file_name: str, kind: str | None, exc: Exception, lang: str,
                        user: str | None) -> ImportResult:
    """The result (and history line) of an import that failed unexpectedly; nothing was changed."""
    from .errors import explain, report

    report(exc, f"import of {Path(file_name).name} failed")
    name = Path(file_name).name
    problem = Problem(name, None, None, None, None, "import_failed", {"err": explain(exc, lang, paths=False, db=db)})
    result = ImportResult(ok=False, problems=[problem])
    try:
        with write_lock(db), transaction(db) as w:
            new_id = _next_id(w)
            _record(w, new_id, kind or "auto", name, source_digest(data), 0, "refused",
                    problem.line(lang), user)
    except Exception as second:  # noqa: BLE001 - cannot even record: let the boundary explain the cause
        report(second, "recording the failed import failed too")
        raise exc from None
    result.import_id = new_id
    return result


def import_many(db: Path, requests: list[ImportRequest], *, lang: str = "zh", user: str | None = None
                ) -> list[ImportResult]:
    """Import several files in one go (the sample's monthly town reports, a bench): each file is checked
    on its own (against the database and the files before it), accepted or refused on its own and
    recorded as its own import; the accepted ones are applied together, in one atomic change.

    Only the state before the whole batch is kept as a backup (for the first file's import id).
    """
    results: list[ImportResult] = []
    with write_lock(db):
        con = connect_read(db)
        try:
            ctx = load_context(con)
            first_id = _next_id(con)
            review_on = setting_on(con, "review") == "on"
        finally:
            con.close()
        remove_orphan_report_files(db, first_id - 1)
        with staging_database(Path(db).parent, reports_dir(db) / LAYOUT_FILE) as stage:
            work = []
            for i, req in enumerate(requests):
                new_id = first_id + i
                name = Path(req.file_name).name
                frames, result = validate_file(ctx, req.data, name, req.kind, snapshot=req.snapshot,
                                               replace=req.replace, lang=lang, stage=stage, town=req.town,
                                               prefix=f"r{i}_")
                received = req.received or dt.datetime.now().replace(microsecond=0)
                if isinstance(received, dt.date) and not isinstance(received, dt.datetime):
                    received = dt.datetime.combine(received, dt.time(0, 0))
                if result.ok:  # later files of the batch see these reports (replacing, previous report)
                    for plan in result.reports:
                        ctx.reports[(plan.snapshot, plan.town)] = (new_id, plan.rows, received)
                    for _, staged in frames:  # issue 24: and its areas (a later targets file may name them)
                        if isinstance(staged, StagedUnits) and stage.con is not None:
                            ctx.known_areas.update(execute(stage.con, fill("stage_areas", table=staged.table)))
                result.import_id = new_id
                results.append(result)
                notes = [p.line(lang) for p in result.notices + result.warnings]
                notes += [warning for p in result.reports if (warning := p.warning(lang))]
                work.append((req, name, frames, result,
                             Receipt(Path(db), new_id, received, user or _os_user(), name,
                                     "待审核" if req.pending and review_on else "已通过", notes, req.explanations)))
            accepted = any(r.ok for r in results)
            keep = backup_dir(db) / f"before-{first_id}.duckdb" if accepted else None
            stage_path = stage.release()
            with transaction(db, keep_as=keep) as w:
                staged = [f for _, _, frames, result, _ in work if result.ok for _, f in frames]
                if any(isinstance(f, StagedUnits) for f in staged):
                    execute(w, fill("attach_stage", path=stage_path))
                for req, name, frames, result, receipt in work:
                    if result.ok:
                        for k, df in frames:
                            result.summary.append(_apply(w, k, df, lang, receipt))
                        detail = "; ".join(result.summary)
                    else:
                        detail = "; ".join(p.line(lang) for p in result.problems[:20])
                    kinds = ",".join(result.kinds) or (req.kind or "auto")
                    _record(w, receipt.import_id, kinds, name, source_digest(req.data), result.rows,
                            "imported" if result.ok else "refused", detail, user)
        if keep is not None:
            prune_backups(db)
    return results


def rollback(db: Path, import_id: int, *, user: str | None = None, lang: str = "zh") -> int:
    """Undo import `import_id`; the history is kept whole and gains a line. Returns the rollback's id.

    A units import is undone exactly: each town's report it brought is withdrawn and the report it
    replaced (if any) is current again; other towns and later reports of other towns are untouched. It
    is refused while a later import has replaced one of those reports again (undo that one first).
    Any other import restores the whole state before it, undoing it and every later import.
    """
    with write_lock(db):
        con = connect_read(db)
        try:
            row = execute(con, load_sql("import_result"), {"id": import_id})
            history = con.execute(load_sql("import_lines")).df()
            brought = execute(con, load_sql("import_reports"), {"id": import_id})
            new_id = _next_id(con)
        finally:
            con.close()
        if not row:
            raise RollbackError(msg("rollback_unknown", lang, id=import_id))
        if row[0][1] == "review":  # issue 25: a decision on a report is undone on its own
            return rollback_decision(db, import_id, new_id, user, lang)
        if row[0][0] != "imported":
            raise RollbackError(msg("rollback_not_imported", lang, id=import_id))
        if row[0][1] == "units" and brought:
            return _rollback_reports(db, import_id, new_id, brought, user, lang)
        backup = backup_dir(db) / f"before-{import_id}.duckdb"
        if not backup.exists():
            raise RollbackError(msg("rollback_no_backup", lang, id=import_id))
        undone = [int(i) for i in history.loc[(history["id"] >= import_id) & (history["result"] == "imported"), "id"]]
        with transaction(db, source=backup, keep_as=backup_dir(db) / f"before-{new_id}.duckdb") as w:
            w.register("old_history", history)
            execute(w, load_sql("restore_history"))
            w.unregister("old_history")
            _record(w, new_id, "rollback", f"#{import_id}", "", 0, "rollback",
                    msg("rollback_detail", lang, id=import_id, undone=", ".join(f"#{i}" for i in undone)), user)
        prune_backups(db)
    return new_id


def _rollback_reports(db: Path, import_id: int, new_id: int, brought: list[tuple], user: str | None, lang: str) -> int:
    """Withdraw the reports an import brought, making the ones they replaced current again."""
    later = sorted({s for _, _, s in brought if s is not None})
    if later:
        raise RollbackError(msg("rollback_replaced_later", lang, id=import_id, later=", ".join(f"#{i}" for i in later)))
    with transaction(db, keep_as=backup_dir(db) / f"before-{new_id}.duckdb") as w:
        for snapshot, town, _ in brought:
            execute(w, load_sql("rollback_report"), {"new": new_id, "id": import_id, "s": snapshot, "t": town})
        pairs = "、".join(f"{t} {s.isoformat()}" for s, t, _ in brought)
        _record(w, new_id, "rollback", f"#{import_id}", "", 0, "rollback",
                msg("rollback_reports_detail", lang, id=import_id, reports=pairs), user)
    prune_backups(db)
    return new_id


def import_path(db: Path, path: Path, kind: str | None = None, **kw: Any) -> ImportResult:  # noqa: ANN401
    """import_bytes for a file on disk (a text file is read from the disk as it is parsed)."""
    return import_bytes(db, Path(path), Path(path).name, kind, **kw)


def create_database(db: Path) -> None:
    """A new database holding only the town dictionary (init --empty). Report files of a database that
    was there before are removed once the new one is in place."""
    with write_lock(db):
        with transaction(db, fresh=True) as w:
            for i, (town, kind, aliases) in enumerate(JIADING_TOWNS, start=1):
                execute(w, load_sql("default_town"), {"o": i, "t": town, "k": kind, "a": list(aliases)})
        for old in reports_dir(db).glob("*"):  # the reports of the database that was there before
            if old.name != LAYOUT_FILE:
                old.unlink()


def migrate(db: Path, *, user: str | None = None) -> bool:
    """Convert a database of the first release (units in a table) to report files; False if it was
    already converted. The history records it."""
    with write_lock(db):
        con = duckdb.connect(":memory:")
        try:
            execute(con, fill("attach_read", path=Path(db)))
            execute(con, load_sql("use_db"))
            legacy = execute(con, load_sql("legacy_units_present"))[0][0]
            new_id = _next_id(con)
        finally:
            con.close()
        if not legacy:
            return False
        with transaction(db) as w:  # the conversion itself happens in the writer's copy
            _record(w, new_id, "migrate", Path(db).name, "", 0, "setting", "units → report files", user)
    return True


# defaults: a report is 按时 when received within 5 days of its date; review (审核) is on (issue 25)
SETTINGS = {"due_days": "5", "review": "on"}


def get_setting(db: Path, key: str) -> str:
    """A district setting (SETTINGS gives the keys and defaults)."""
    con = connect_read(db)
    try:
        return setting_on(con, key)
    finally:
        con.close()


def setting_on(con: duckdb.DuckDBPyConnection, key: str) -> str:
    """A district setting read on an open read connection (the dashboard's cached one)."""
    row = execute(con, load_sql("setting"), {"k": key})
    return row[0][0] if row else SETTINGS[key]


def set_setting(db: Path, key: str, value: str, *, user: str | None = None, lang: str = "zh") -> None:
    """Change a district setting (recorded in the history); ValueError with a message if not allowed."""
    if key == "review":  # issue 25: on / off
        if str(value).strip().lower() not in ("on", "off"):
            raise ValueError(msg("bad_review_setting", lang, value=value))
        value = str(value).strip().lower()
    elif key != "due_days" or not str(value).strip().isdigit() or not 0 <= int(value) <= 60:
        raise ValueError(msg("bad_due_days", lang, value=value))
    else:
        value = str(int(value))
    with write_lock(db):
        con = connect_read(db)
        try:
            new_id = _next_id(con)
        finally:
            con.close()
        with transaction(db) as w:
            execute(w, load_sql("setting_set"), {"k": key, "v": value})
            _record(w, new_id, "setting", key, "", 0, "setting", f"{key} = {value}", user)


def check_bytes(db: Path, data: Source, file_name: str, kind: str | None = None, *,
                snapshot: dt.date | None = None, replace: bool = False, lang: str = "zh",
                town: str | None = None, viewer_towns: list[str] | None = None) -> ImportResult:
    """Validate a file against the database without changing anything (the upload preview). For a valid
    roster, `findings` holds what the roster check (名册核对) would find in the reports it brings; for a
    街镇 account (`viewer_towns`, issue 28) without another town's values."""
    con = connect_read(db)
    try:
        ctx = load_context(con)
    finally:
        con.close()
    with staging_database(Path(db).parent, reports_dir(db) / LAYOUT_FILE, preview=True) as stage:
        frames, result = validate_file(ctx, data, Path(file_name).name, kind, snapshot=snapshot, replace=replace,
                                       lang=lang, stage=stage, town=town)
        staged = [(KINDS[k], f) for k, f in frames if isinstance(f, StagedUnits)]
        if result.ok and staged:
            reports = staged[0][0].store
            assert isinstance(reports, Reports)  # only a roster is staged
            result.findings = reports.findings(db, stage, [f for _, f in staged], viewer_towns)
    return result


PREVIEW_COLUMNS = 60  # columns a preview shows (no kind has more than 17)


def preview(data: bytes, file_name: str, rows: int = 20, kind: str | None = None) -> dict[str, pd.DataFrame]:
    """The first data rows of each table of a file as the importer reads them (header found, title,
    total and footer rows skipped), with the sheet's row numbers, for display before importing."""
    try:
        pairs, *_ = _assign_kinds(read_file(data, file_name), kind, Path(file_name).name, "zh")
        out = {}
        for _, t in pairs:
            # a preview is for the eye: a hostile file's 100,000 columns are not sent to the browser
            header = [h or f"({layout.letter(i)})" for i, h in enumerate(t.header[:PREVIEW_COLUMNS])]
            seen: dict[str, int] = {}
            unique = []
            for h in header:  # st.dataframe needs unique column names
                seen[h] = seen.get(h, 0) + 1
                unique.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
            df = t.frame.iloc[:rows, :PREVIEW_COLUMNS].copy()
            df.columns = unique[: len(df.columns)]
            df.insert(0, "行", t.row_numbers[:rows])
            out[t.sheet or file_name] = df
        return out
    except ReadError:
        return {}
