"""units — 单位名册: each town's monthly report of its units (DATA-FORMAT.md, units).

A units file is one report for one report date, covering the towns whose rows it holds. It is checked
piece by piece (a roster may hold millions of rows) into the staging database, and written as one
immutable report file per town covered (README, "How imports stay atomic"), listed in `reports`; the
report it replaces stays on file for rollback.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..creditcode import byte_matrix
from ..i18n import msg, pick
from ..kind import Col, Kind, column_positions
from ..readers import RawTable
from ..sql import execute, fill, load_sql, run_query
from ..stage import Stage, StagedUnits
from ..store import connect_read, record_report_counts, write_report_file
from ..validate import Checker, Context, Problem, more_problems, typed
from .store import Checked, Job, empty_table

INDUSTRIES = ("现代服务业", "高新技术产业", "制造业", "建筑业", "商贸流通", "其他")
UNIT_TYPES = ("国有企业", "集体企业", "民营企业", "外资企业", "港澳台企业", "社会组织", "事业单位", "机关")
STATUSES = ("在营", "停产", "关闭", "迁出")
ACTIVE_STATUSES = ("在营", "停产")
UNION_FORMS = ("未建会", "单独建会", "联合建会")
TWO_NEW = {"民营企业": "新经济组织", "外资企业": "新经济组织", "港澳台企业": "新经济组织", "社会组织": "新社会组织"}


# ---------------------------------------------------------------- checking

def _row_rules(ch: Checker, snapshot: dt.date | None) -> None:
    """The rules of one roster row (everything but the file-wide ones, see check_units)."""
    df = ch.df
    n = len(df)
    form = df["union_form"].to_numpy(dtype=object)
    unionised = (form == "单独建会") | (form == "联合建会")
    none = form == "未建会"
    fed = df["federation"].to_numpy(dtype=object)
    ch.add((form == "联合建会") & pd.isna(fed), "federation", "federation_required")
    known_fed = ch.ctx.federations
    ch.add(np.array([f is not None and f not in known_fed for f in fed], dtype=bool),
           "federation", "unknown_federation")
    bld = df["building"].to_numpy(dtype=object)
    town = df["town"].to_numpy(dtype=object)
    has_b = ~pd.isna(bld)
    if has_b.any():
        kb = ch.ctx.buildings
        unknown_b = np.zeros(n, dtype=bool)
        idx = np.flatnonzero(has_b & ~pd.isna(town))
        unknown_b[idx] = [(town[i], bld[i]) not in kb for i in idx]
        ch.add(unknown_b, "building", "unknown_building", lambda i: {"town": town[i]})
    ud = df["union_date"].to_numpy(dtype=object)
    ch.add(unionised & pd.isna(ud) & ("union_date" not in ch.raw or
           (ch.raw["union_date"] == "").to_numpy()), "union_date", "union_date_required")
    if snapshot is not None:
        _union_date_after(ch, snapshot)
    emp, mem = ch.num("employees"), ch.num("members")
    mig, mmem = ch.num("migrant_workers"), ch.num("migrant_members")
    with np.errstate(invalid="ignore"):
        ch.add(mem > emp, "members", "gt_employees", lambda i: {"limit": int(emp[i])})
        ch.add(none & (mem > 0), "members", "members_not_zero")
        ch.add(mig > emp, "migrant_workers", "gt_employees", lambda i: {"limit": int(emp[i])})
        ch.add(mmem > mem, "migrant_members", "gt_members", lambda i: {"limit": int(mem[i])})
        ch.add((mmem > mig) & ~(mmem > mem), "migrant_members", "gt_migrants",
               lambda i: {"limit": int(mig[i])})


def _union_date_after(ch: Checker, snapshot: dt.date) -> None:
    """A union founded after the roster's date."""
    ud = ch.df["union_date"].to_numpy(dtype=object)
    after = np.zeros(len(ud), dtype=bool)
    idx = np.flatnonzero(~pd.isna(ud))
    after[idx] = [ud[i] > snapshot for i in idx]
    ch.add(after, "union_date", "union_date_after", {"snapshot": snapshot.isoformat()})


@dataclass
class UnitsCheck:
    """The outcome of checking a roster piece by piece."""

    problems: list[Problem]
    warnings: list[Problem]
    rows: int
    snapshot: dt.date | None
    towns: dict[str, int] = field(default_factory=dict)  # rows per town covered


def check_units(kind: Kind, table: RawTable, file_name: str, ctx: Context, *, snapshot: dt.date | None = None,
                replace: bool = False, sink: Callable[[pd.DataFrame], None] | None = None,
                town: str | None = None) -> UnitsCheck:
    """Check a roster CHUNK_ROWS records at a time, so memory stays flat however long the file is.

    Row rules run on each piece. The file-wide rules run at the end on what was kept: the credit codes
    with their row numbers (duplicates) and the distinct 报表日期 values (one date per roster). While no
    problem has been found, each typed piece (without the snapshot column, known only at the end) is
    handed to `sink`; the caller discards what it received if the check fails.

    A roster is the report of the towns whose rows it holds (`towns`: rows per town). With `town` (the
    town declared at import, or a 街镇 account's own), a row of any other town is an error.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    codes = CodeKeys()  # every row's code, kept compact for the file-wide duplicate check
    dates: set[dt.date] = set()
    given = snapshot
    # union_date_after needs the roster's date: --snapshot, else the first 报表日期 seen; pieces
    # read before any date was seen are checked again at the end (normally there are none)
    provisional = snapshot
    unchecked: list[Checker] = []
    first: Checker | None = None
    rows = dropped = 0
    covered: dict[str, int] = {}
    for piece in table.pieces():
        rows += len(piece)  # counted first: the checker releases the piece's raw text
        if first is None:
            ch = first = Checker(kind, piece, file_name, ctx)
            if not ch.map_header():
                return UnitsCheck(ch.problems, ch.warnings, rows, None)
            warnings += ch.warnings
        else:
            ch = first.continued(piece, max(0, first.limit - len(problems)))
        ch.parse()
        piece_dates = set(ch.df["snapshot"].dropna())
        dates |= piece_dates
        if provisional is None and piece_dates:
            provisional = min(piece_dates)
        _row_rules(ch, provisional)
        if town is not None:
            other = ch.df["town"].to_numpy(dtype=object)
            ch.add(np.array([t is not None and t != town for t in other], dtype=bool), "town", "other_town",
                   {"town": town})
        for t, n in ch.df["town"].value_counts().items():
            covered[t] = covered.get(t, 0) + int(n)
        if provisional is None:
            unchecked.append(ch)
        code = ch.df["credit_code"]
        present = code.notna().to_numpy()
        codes.add(pa.array(ch.raw["credit_code"][present], type=pa.string(), from_pandas=True), ch.rownum[present])
        problems += ch.problems
        dropped += ch.dropped
        if sink is not None and not problems and not dropped:
            sink(typed(kind, ch.df.drop(columns=["snapshot"])))
        if ch not in unchecked:
            ch.df, ch.raw = pd.DataFrame(), {}  # done with this piece (the first checker lives on as a template)
    if first is None:
        return UnitsCheck([], [], 0, None)

    end = Checker(kind, RawTable(table.sheet, table.header), file_name, ctx, limit=max(0, first.limit - len(problems)))
    end.label, end.letter = first.label, first.letter
    if len(dates) > 1:
        end.file_problem("snapshot_multiple", column=first.label["snapshot"],
                         values="、".join(sorted(d.isoformat() for d in dates)))
    elif dates:
        value = next(iter(dates))
        if given is not None and given != value:
            end.file_problem("snapshot_conflict", column=first.label["snapshot"],
                             value=value.isoformat(), given=given.isoformat())
        snapshot = value
    if snapshot is not None:
        for ch in unchecked:
            ch.problems, ch.limit = [], max(0, first.limit - len(problems) - len(end.problems))
            _union_date_after(ch, snapshot)
            end.problems += ch.problems
            dropped += ch.dropped
    if snapshot is None and not problems and not end.problems:
        end.file_problem("snapshot_missing")
    today = dt.date.today()
    if snapshot is not None and snapshot > today:  # issue 28: DATA-FORMAT.md, a report date after today is refused
        end.file_problem("snapshot_future", date=snapshot.isoformat(), today=today.isoformat())
    existing = [t for t in ctx.towns if t in covered and (snapshot, t) in ctx.reports]
    if snapshot is not None and existing and not replace:
        end.file_problem("report_exists", date=snapshot.isoformat(), towns="、".join(existing))
    _duplicate_codes(end, codes)
    problems += end.problems
    dropped += end.dropped
    if dropped:
        problems.append(more_problems(file_name, table.sheet, dropped, len(problems)))
    return UnitsCheck(problems, warnings, rows, snapshot, covered)


class CodeKeys:
    """Every row's credit code as compact keys, for the file-wide duplicate check of a roster read in pieces.

    A province's 10 million codes as Python or Arrow strings, and a hash table over them, would take
    gigabytes: an 18-byte code (every valid one) is kept as three integers (bytes 0–7, 8–15, 16–17),
    18 bytes a row, and repeats are found by sorting them; codes of other lengths, few and never equal to
    an 18-byte one, are kept as text."""

    def __init__(self) -> None:
        self.parts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
        self.rows: list[np.ndarray] = []          # the sheet's row number of each 18-byte code
        self.other: list[pa.Array] = []
        self.other_rows: list[np.ndarray] = []

    def add(self, codes: pa.Array | pa.ChunkedArray, rownum: np.ndarray) -> None:
        """The codes of one piece (upper-cased here) and their row numbers."""
        if isinstance(codes, pa.ChunkedArray):  # a piece read in several blocks
            codes = codes.combine_chunks()
        upper = pc.utf8_upper(codes)
        fixed = pc.equal(pc.binary_length(upper), 18).to_numpy(zero_copy_only=False)
        kept = upper if fixed.all() else pc.filter(upper, pa.array(fixed))
        if len(kept):
            matrix = byte_matrix(kept)
            for part, (a, b, dtype) in zip(self.parts, ((0, 8, np.uint64), (8, 16, np.uint64), (16, 18, np.uint16)),
                                           strict=True):
                part.append(np.ascontiguousarray(matrix[:, a:b]).view(dtype).ravel())
            self.rows.append(rownum[fixed].astype(np.int32))
        if not fixed.all():
            self.other.append(pc.filter(upper, pa.array(~fixed)))
            self.other_rows.append(rownum[~fixed])

    def repeats(self, limit: int) -> tuple[list[tuple[int, str, int]], int]:
        """(row, code, first row with that code) for the first `limit` rows, in row order, that repeat an
        earlier row's code; and how many such rows there are in all."""
        rows_of, firsts_of, codes_of = [], [], []  # per kind of code: the repeating rows, their first rows, a code getter
        if self.rows:
            rows = np.concatenate(self.rows)
            self.rows = []
            keys = [np.concatenate(part) for part in self.parts]
            for part in self.parts:
                part.clear()
            order = np.lexsort(keys[::-1])  # stable: equal codes stay in file order, the first one leads its run
            same = np.ones(len(order), dtype=bool)
            for k in keys:
                sorted_k = k[order]
                same[1:] &= sorted_k[1:] == sorted_k[:-1]
                del sorted_k
            same[0] = False
            leader = order[np.maximum.accumulate(np.where(same, 0, np.arange(len(order))))][same]
            at = order[same]
            by_row = np.argsort(at, kind="stable")  # positions follow the rows: back to file order
            at, leader = at[by_row], leader[by_row]
            rows_of.append(rows[at])
            firsts_of.append(rows[leader])
            codes_of.append(lambda i, at=at, keys=keys: b"".join(k[at[i]].tobytes() for k in keys).decode("utf-8"))
        if self.other:  # dictionary indices come in order of first appearance: a repeat is not above all before it
            other = pa.chunked_array(self.other, type=pa.string()).combine_chunks()
            rows = np.concatenate(self.other_rows)
            index = other.dictionary_encode().indices.to_numpy(zero_copy_only=False)
            repeat = index <= np.maximum.accumulate(np.concatenate([[-1], index[:-1]]))
            first_row = np.zeros(int(index.max()) + 1, dtype=np.int64)
            first_row[index[~repeat]] = rows[~repeat]
            at = np.flatnonzero(repeat)
            rows_of.append(rows[at])
            firsts_of.append(first_row[index[at]])
            codes_of.append(lambda i, at=at, other=other: other[int(at[i])].as_py())
        listed = sorted((int(r), g, i) for g, rs in enumerate(rows_of) for i, r in enumerate(rs)
                        if i < limit)[:limit]  # each kind's repeats in row order already: its first `limit` suffice
        total = sum(len(rs) for rs in rows_of)
        return [(r, codes_of[g](i), int(firsts_of[g][i])) for r, g, i in listed], total


def _duplicate_codes(ch: Checker, codes: CodeKeys) -> None:
    """Credit codes repeating an earlier row's, anywhere in the file: 'duplicates row N'."""
    label = ch.label.get("credit_code", "credit_code")
    listed, total = codes.repeats(max(0, ch.limit - len(ch.problems)))
    ch.dropped += total - len(listed)
    for row, code, first in listed:
        ch.problems.append(Problem(ch.file, ch.table.sheet, row, label, code, "duplicate", {"row": first},
                                   ch.letter.get("credit_code")))


@dataclass
class ReportPlan:
    """What a units file does to one town's report (DATA-FORMAT.md, units): shown before confirming."""

    snapshot: dt.date
    town: str
    rows: int                            # units of the town in the file
    replaces: int | None = None          # units of the report it replaces (same date), None: none
    replaces_received: dt.datetime | None = None
    previous_date: dt.date | None = None  # the town's previous report (an earlier date)
    previous_rows: int | None = None

    SHRINK = 0.8  # a town whose units fall by more than 20% is asked about (a half-filled sheet)

    @property
    def change(self) -> int | None:
        """Units against the town's previous report."""
        return None if self.previous_rows is None else self.rows - self.previous_rows

    @property
    def shrinks(self) -> bool:
        """More than 20% fewer units than the previous report, or than the report replaced."""
        return any(base and self.rows < self.SHRINK * base for base in (self.previous_rows, self.replaces))

    def line(self, lang: str = "zh") -> str:
        """One line per town for the preview and the command line."""
        values = {"town": self.town, "date": self.snapshot.isoformat(), "rows": self.rows, "replaces": self.replaces,
                  "received": self.replaces_received, "change": self.change, "prev_rows": self.previous_rows,
                  "prev_date": self.previous_date.isoformat() if self.previous_date else None}
        # the town and its rows in the file, the report replaced, the change against the previous one
        text = msg("plan_first", lang, **values)
        if self.replaces is not None:
            text += msg("plan_replaces", lang, **values)
        return text + msg("plan_previous" if self.previous_rows is not None else "plan_first_report", lang, **values)

    def warning(self, lang: str = "zh") -> str | None:
        """The shrink warning, if any."""
        if not self.shrinks:
            return None
        base = min(b for b in (self.previous_rows, self.replaces) if b)
        drop = (base - self.rows) * 100 / base
        return msg("plan_shrinks", lang, town=self.town, drop=drop, rows=self.rows, base=base)


def plan_reports(ctx: Context, snapshot: dt.date, towns: dict[str, int]) -> list[ReportPlan]:
    """Per town covered (dictionary order): rows in the file, the report it replaces, the previous one."""
    plans = []
    for t in ctx.towns:
        if t not in towns:
            continue
        current = ctx.reports.get((snapshot, t))
        earlier = [(s, n) for (s, town), (_, n, _) in ctx.reports.items() if town == t and s < snapshot]
        prev = max(earlier) if earlier else None
        plans.append(ReportPlan(snapshot, t, towns[t], current[1] if current else None, current[2] if current else None,
                                prev[0] if prev else None, prev[1] if prev else None))
    return plans


def _title_snapshot(kind: Kind, file_name: str, table: RawTable, snapshot: dt.date | None,
                    notices: list[Problem]) -> dt.date | None:
    """The report date: as given, else (with no 报表日期 column) the one written above the header (a notice)."""
    r = table.reading
    if snapshot is not None or r.title_date is None:
        return snapshot
    if "snapshot" in column_positions(kind, table.header):
        return snapshot
    if r.title_date_words:  # issue 23: a month without a day is that month's last day, said so
        notices.append(Problem(file_name, table.sheet, r.title_date_row, None, None, "title_month_used",
                               {"date": r.title_date.isoformat(), "words": r.title_date_words}))
        return r.title_date
    notices.append(Problem(file_name, table.sheet, r.title_date_row, None, None, "title_date_used",
                           {"date": r.title_date.isoformat()}))
    return r.title_date


def _title_conflict(kind: Kind, file_name: str, table: RawTable, snapshot: dt.date | None) -> Problem | None:
    """Issue 23: two different dates above the header, with no report date given otherwise: the problem naming
    both (the units check would otherwise only say that no date was given)."""
    conflict = table.reading.title_date_conflict
    if snapshot is not None or not conflict or "snapshot" in column_positions(kind, table.header):
        return None
    (row1, date1, words1), second = conflict[0], next(c for c in conflict if c[1] != conflict[0][1])
    row2, date2, words2 = second
    return Problem(file_name, table.sheet, None, None, None, "title_dates_conflict",
                   {"row1": row1, "words1": words1, "date1": date1.isoformat(),
                    "row2": row2, "words2": words2, "date2": date2.isoformat()})


# ---------------------------------------------------------------- storing

class Reports:
    """The units' style: a file is the report of the towns it covers at one report date, checked piece by
    piece into the staging database and written as one report file per town."""

    table = "reports"
    dated = True  # a file has a report date (--snapshot, a 报表日期 column, or the title)

    def check(self, kind: Kind, table: RawTable, job: Job) -> Checked:
        """Check a roster; its typed rows wait in `job.stage` (when there is one) as `job.stage_table`."""
        notices: list[Problem] = []
        snapshot = _title_snapshot(kind, job.file_name, table, job.snapshot, notices)
        uc = check_units(kind, table, job.file_name, job.ctx, snapshot=snapshot, replace=job.replace, town=job.town,
                         sink=job.stage.sink(job.stage_table) if job.stage is not None else None)
        conflict = _title_conflict(kind, job.file_name, table, snapshot)
        if conflict is not None:  # said instead of "no report date given"
            uc.problems[:] = [p for p in uc.problems if p.key != "snapshot_missing"] + [conflict]
        if not uc.rows and not uc.problems:
            checked = empty_table(job.file_name, table)
            checked.notices = notices
            return checked
        checked = Checked(uc.rows, uc.problems, uc.warnings, notices)
        if uc.snapshot is not None:
            sheet = table.sheet or job.file_name
            for t in uc.towns:  # two sheets may not report the same town for the same date
                first = job.reported.setdefault((uc.snapshot, t), sheet)
                if first != sheet:
                    checked.problems.append(Problem(job.file_name, table.sheet, None, None, None, "same_report_twice",
                                                    {"town": t, "date": uc.snapshot.isoformat(), "sheet": first}))
            checked.payload = StagedUnits(job.stage_table, uc.snapshot, uc.rows, uc.towns)
            checked.plans = plan_reports(job.ctx, uc.snapshot, uc.towns)
        return checked

    def write(self, con: duckdb.DuckDBPyConnection, kind: Kind, staged: StagedUnits, receipt: Any,  # noqa: ANN401
              lang: str) -> str:
        """Store one roster as the report of each town it covers: a report file per town (from the staging
        database, attached as `stage`), listed in `reports`; the report it replaces stays on file (rollback)."""
        snap = staged.snapshot
        lines, written = [], []
        for town in staged.towns:
            file = write_report_file(con, receipt.db, receipt.import_id, "report_file_from_stage",
                                     {"snapshot": snap, "town": town}, stage_table=f"stage.{staged.table}")
            # issue 25: a report waiting for review leaves the accepted one of its pair in force
            review = getattr(receipt, "review", "已通过")
            old = execute(con, load_sql("report_supersede"),
                          {"id": receipt.import_id, "s": snap, "t": town, "accepted": review == "已通过"})
            old.sort(key=lambda r: r[2] != "已通过")  # the accepted report replaced is named first
            notes = getattr(receipt, "notes", None)
            report_id = execute(con, load_sql("report_insert"),
                                {"id": receipt.import_id, "s": snap, "t": town, "file": file, "n": staged.towns[town],
                                 "at": receipt.received_at, "by": receipt.received_by, "fn": receipt.file_name,
                                 "replaced": old[0][0] if old else None, "review": review,
                                 "notes": "\n".join(notes) if notes else None})[0][0]
            execute(con, load_sql("explanations_carry"), {"r": report_id, "id": receipt.import_id, "s": snap, "t": town})
            for code, finding, text in getattr(receipt, "explanations", {}).get(town, ()):
                execute(con, load_sql("explanation_set"), {"r": report_id, "code": code, "finding": finding,
                                                           "text": text, "by": receipt.received_by})
            written.append((receipt.import_id, snap, town, file))
            lines.append(msg("units_written", lang, town=town, rows=staged.towns[town])
                         + (msg("units_written_replaced", lang, old=old[0][1]) if old else ""))
        record_report_counts(con, receipt.db, written)
        name = pick((kind.zh, kind.key), lang)
        return f"{name} {snap.isoformat()}: {msg('units_written_sep', lang).join(lines)}"

    def findings(self, db: Path, stage: Stage, staged: list[StagedUnits],
                 viewer_towns: list[str] | None = None) -> pd.DataFrame:
        """The roster check (名册核对) of reports not yet imported: each staged town's rows are written to a
        scratch report file and stand in for that town's report at their date (removed afterwards).
        `viewer_towns`: a 街镇 account's towns — of another town's unit it sees only that it is there
        (queries/roster_changes.sql, issue 28)."""
        stage_path = stage.release()
        con = connect_read(db)
        scratch: list[Path] = []
        try:
            execute(con, fill("attach_stage", path=stage_path))
            found = []
            for report in staged:
                files = [(f, t) for f, t, _ in execute(con, load_sql("roster_files"), {"as_of": report.snapshot})]
                now = [f for f, t in files if t not in report.towns]
                for town in report.towns:
                    path = Path(stage_path).with_name(f"{Path(stage_path).stem}-{len(scratch)}.parquet")
                    scratch.append(path)
                    execute(con, fill("report_file_from_stage", stage_table=f"stage.{report.table}", path=path),
                            {"snapshot": report.snapshot, "town": town})
                    now.append(str(path))
                before = [r[0] for r in execute(con, load_sql("roster_files"),
                                                {"as_of": report.snapshot - dt.timedelta(days=1)})]
                found.append(run_query(con, "roster_changes", snapshot=report.snapshot, roster_files=now,
                                       before_files=before, towns=list(report.towns),
                                       viewer_towns=list(viewer_towns) if viewer_towns else None))
            return pd.concat(found, ignore_index=True)
        finally:
            con.close()
            for path in scratch:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()


# ---------------------------------------------------------------- template

def prefill(con: duckdb.DuckDBPyConnection, town: str, as_of: dt.date | None) -> pd.DataFrame:
    """A town's template rows: its latest report on or before `as_of`, without the old report date."""
    return run_query(con, "town_latest_report", town=town, as_of=as_of).drop(columns=["snapshot"])


KIND = Kind(
    "units", "单位名册",
    (
        Col("credit_code", "统一社会信用代码", "code", True,
            rule="18 characters, valid GB 32100-2015 check digit; unique in the file",
            rule_zh="18 位，校验位须符合 GB 32100-2015；文件内不得重复（请设为文本格式，勿让 Excel 改成科学计数）"),
        Col("name", "单位名称", "text", True),
        Col("town", "街镇", "town", True, rule="known town"),
        Col("area", "村居园区", "text"),
        Col("building", "楼宇名称", "text", rule="known building of that town", lists="buildings"),
        Col("industry", "行业类别", "enum", True, values=INDUSTRIES,
            rule="现代服务业 / 高新技术产业 / 制造业 / 建筑业 / 商贸流通 / 其他"),
        Col("unit_type", "单位类型", "enum", True, values=UNIT_TYPES,
            rule="国有企业 / 集体企业 / 民营企业 / 外资企业 / 港澳台企业 / 社会组织 / 事业单位 / 机关"),
        Col("fortune500", "世界500强", "bool", default=False, rule="boolean, default 否", rule_zh="是/否，空着按「否」"),
        Col("employees", "职工人数", "int", True, min_value=0, rule="integer ≥ 0"),
        Col("migrant_workers", "农民工人数", "int", min_value=0, default=0,
            rule="integer, 0 ≤ value ≤ 职工人数, default 0", rule_zh="整数，0 ≤ 值 ≤ 职工人数，空着按 0"),
        Col("status", "经营状态", "enum", True, values=STATUSES, rule="在营 / 停产 / 关闭 / 迁出"),
        Col("union_form", "建会情况", "enum", True, values=UNION_FORMS, rule="未建会 / 单独建会 / 联合建会"),
        Col("federation", "所属联合会", "text", required_when="for 联合建会", rule="known federation",
            required_when_zh="联合建会必填", rule_zh="已登记的工会联合会", lists="federations"),
        Col("union_date", "建会日期", "date", required_when="unless 未建会", rule="date, not after the snapshot date",
            required_when_zh="已建会（单独建会、联合建会）必填", rule_zh="日期，不得晚于报表日期"),
        Col("members", "会员人数", "int", True, min_value=0, rule="integer, 0 ≤ value ≤ 职工人数; 0 when 未建会",
            rule_zh="整数，0 ≤ 值 ≤ 职工人数；未建会时为 0"),
        Col("migrant_members", "农民工会员数", "int", min_value=0, default=0,
            rule="integer, ≤ 会员人数 and ≤ 农民工人数, default 0", rule_zh="整数，≤ 会员人数且 ≤ 农民工人数，空着按 0"),
        Col("snapshot", "报表日期", "date", rule="the report date, one value for the whole file (or given at import)",
            rule_zh="报表日期，全表只填一个日期（也可在导入时指定）"),
    ),
    Reports(),
    prefill=prefill,
)
