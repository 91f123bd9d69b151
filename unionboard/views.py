"""The views: the single way to get a table, for the dashboard, its downloads and `export`.

`get_view(db, name, filters)` resolves the as-of date to a snapshot (and its baseline and target
year), runs the view's SQL file with named parameters and returns a ViewResult whose DataFrame
is exactly what the page shows, the download holds and `unionboard export` writes.
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from .i18n import COLUMNS, VALUE_PATTERNS, VALUES, canonical, join, msg
from .kinds import INDUSTRIES
from .sql import load_sql, used_params
from .store import connect_read

T = TypeVar("T")  # what a ViewResult keeps derived from its table

# frame() fetches Arrow from an executed statement, which DuckDB warns copies the rows (a view's few rows)
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


class ViewError(Exception):
    """A request that cannot be answered (unknown view, town, date…); carries a user message."""

    def __init__(self, key: str, lang: str = "zh", **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(msg(key, lang, **params))


@dataclass(frozen=True)
class ViewDef:
    """A view: the SQL file answering it and its fixed parameters (its title is `view_<name>` in the catalog)."""

    sql: str
    fixed: tuple[tuple[str, object], ...] = ()
    first_col: str | None = None  # rename of the slice column of coverage_by_slice
    needs_snapshot: bool = True
    one_town: bool = False  # issue 24: the view is about exactly one town (area-progress --town T)


VIEWS: dict[str, ViewDef] = {
    "towns": ViewDef("town_progress"),
    "industries": ViewDef("coverage_by_slice", (("slice", "industry"),), "行业类别"),
    "two-new": ViewDef("coverage_by_slice", (("slice", "two_new"),), "两新组织"),
    "unit-types": ViewDef("coverage_by_slice", (("slice", "unit_type"),), "单位类型"),
    "sizes": ViewDef("coverage_by_slice", (("slice", "size"),), "单位规模"),
    "buildings": ViewDef("building_coverage"),
    "federations": ViewDef("federations_by_town"),
    "federation-list": ViewDef("federation_list"),
    "areas": ViewDef("area_coverage"),
    "dynamics": ViewDef("dynamics_by_town_month"),
    "followup": ViewDef("transfer_followup"),
    "training": ViewDef("training_by_town"),
    "training-sessions": ViewDef("training_sessions"),
    "uncovered": ViewDef("uncovered_units", (("key_only", False),)),
    "key-uncovered": ViewDef("uncovered_units", (("key_only", True),)),
    "uncovered-by-town": ViewDef("uncovered_by_town", (("key_only", False),)),
    "key-uncovered-by-town": ViewDef("uncovered_by_town", (("key_only", True),)),
    "trend": ViewDef("coverage_trend"),
    "fortune500": ViewDef("coverage_by_slice", (("slice", "fortune500"),), "世界500强"),
    "town-rates": ViewDef("town_rates"),
    "submissions": ViewDef("submissions"),
    "changes": ViewDef("roster_changes"),
    "changes-by-town": ViewDef("roster_changes_by_town"),
    # issue 24: one level down (METRICS.md, "One level down")
    "area-progress": ViewDef("area_progress", one_town=True),
    "area-status": ViewDef("area_status"),
}

# issue 27 — targets with a 范围 (METRICS.md, "Targets by industry, 两新组织, 世界500强 and buildings"): the
# columns CLI.md has these views end with once the database holds such targets (scope_targets_any.sql); without
# any, a view keeps the columns it had before (the SQL always computes them, empty).
SCOPE_TARGET_COLUMNS = ("新建会单位数目标", "新建会单位数完成率(%)", "新发展会员数目标", "新发展会员数完成率(%)",
                        "建会率目标(%)", "建会率差距(百分点)", "入会率目标(%)", "入会率差距(百分点)", "序时进度(%)", "进度状态")
SCOPED_VIEWS: dict[str, tuple[str, ...]] = {
    "industries": SCOPE_TARGET_COLUMNS,
    "two-new": SCOPE_TARGET_COLUMNS,
    "fortune500": SCOPE_TARGET_COLUMNS,
    # 商务楼宇: its 合计 row gives the 范围's figures too
    "buildings": ("新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)", "新发展会员数", *SCOPE_TARGET_COLUMNS[2:]),
}
# the other views of the same SQL files (unit-types, sizes) never carry them
_SCOPE_SQL_COLUMNS = {"coverage_by_slice": SCOPE_TARGET_COLUMNS, "building_coverage": SCOPED_VIEWS["buildings"]}


def scope_columns_shown(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether view `name` shows the 范围 target columns: one of SCOPED_VIEWS, on a database with scoped targets."""
    if name not in SCOPED_VIEWS:
        return False
    present = con.execute(load_sql("scope_targets_any")).fetchone()
    assert present is not None  # SELECT EXISTS (...) always gives one row
    return bool(present[0])


@dataclass
class Filters:
    """What the user asked for: as-of date, towns (empty: all), industry, target year."""

    as_of: dt.date | None = None
    towns: list[str] = field(default_factory=list)
    industry: str | None = None
    year: int | None = None
    today: dt.date | None = None  # the clock for 报送状态 (None: today)
    # issue 28: the towns of the 街镇 account asking (None: a district account); the roster check shows such
    # an account that another town's unit is there, never that town's values (queries/roster_changes.sql)
    viewer_towns: list[str] | None = None


@dataclass(frozen=True)
class DateChoice:
    """A report date as the as-of picker offers it (issue 28/22, METRICS.md "The as-of date"): how many of
    the district's towns have reported for it, whether it is closed (all reported, or its due day has
    passed) and whether it is the default (the latest closed report date)."""

    snapshot: dt.date
    reported: int
    towns: int
    closed: bool
    is_default: bool

    def label(self, lang: str = "zh") -> str:
        """「2015年7月报送中：1/12 个街镇已报送」 for a date still coming in; the date itself otherwise."""
        if self.closed:
            return self.snapshot.isoformat()
        return msg("asof_coming_in", lang, year=self.snapshot.year, month=self.snapshot.month,
                   date=self.snapshot.isoformat(), n=self.reported, total=self.towns)


def report_date_choices(con: duckdb.DuckDBPyConnection, today: dt.date | None = None,
                        until: dt.date | None = None) -> list[DateChoice]:
    """Every report date (on or before `until`), newest first, closed or still coming in, and which is
    the default: the one rule of METRICS.md "The as-of date" (queries/report_dates_closed.sql), used by
    resolve (the command line, the 通报) and by the dashboard's as-of picker."""
    rows = con.execute(load_sql("report_dates_closed"), {"today": today or dt.date.today(), "until": until}).fetchall()
    return [DateChoice(d, int(n), int(total), bool(closed), bool(default)) for d, n, total, closed, default in rows]


def default_as_of(choices: list[DateChoice]) -> tuple[dt.date | None, list[DateChoice]]:
    """The default report date of `choices` and the later dates still coming in (newest first)."""
    default = next((c.snapshot for c in choices if c.is_default), None)
    return default, [c for c in choices if default is not None and c.snapshot > default]


@dataclass
class Resolved:
    """What a view reads: the report date, the baseline day, the target year, the towns (canonical
    names), and each town's report in force (METRICS.md, "The as-of date and the towns' reports")."""

    snapshot: dt.date
    baseline: dt.date | None
    year: int
    towns: list[str]
    industry: str | None
    as_of: dt.date | None = None
    # the towns shown (the selection, or all) → the date of their report in force (None: 未报送)
    used: dict[str, dt.date | None] = field(default_factory=dict)
    no_base: list[str] = field(default_factory=list)  # towns shown without a report on the baseline day
    today: dt.date = field(default_factory=dt.date.today)
    # the report files in force at the report date, the baseline day and the day before the report date
    files: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # issue 28/22: when no as-of date was given (the default, the latest closed report date), the later
    # report dates still coming in, newest first
    coming_in: list[DateChoice] = field(default_factory=list)

    def params(self) -> dict[str, object]:
        """Named parameters for the SQL files."""
        return {"snapshot": self.snapshot, "baseline": self.baseline, "year": self.year,
                "towns": self.towns or None, "industry": self.industry, "today": self.today,
                "roster_files": self.files.get("roster"), "baseline_files": self.files.get("baseline"),
                "before_files": self.files.get("before")}

    @property
    def carried(self) -> dict[str, dt.date]:
        """Towns counted from an older report (沿用), with its date."""
        return {t: d for t, d in self.used.items() if d is not None and d < self.snapshot}

    @property
    def missing(self) -> list[str]:
        """Towns with no report on or before the report date (未报送, counted as zero)."""
        return [t for t, d in self.used.items() if d is None]

    def notes(self, lang: str = "zh") -> list[str]:
        """What the figures are made of, in words: the report date used, carried and missing towns."""
        out = []
        if self.as_of is not None and self.as_of != self.snapshot:
            out.append(msg("note_as_of", lang, as_of=self.as_of.isoformat(), snapshot=self.snapshot.isoformat()))
        if self.carried:
            towns = join([msg("note_carried_town", lang, town=t, date=d.isoformat()) for t, d in self.carried.items()], lang)
            out.append(msg("note_carried", lang, n=len(self.carried), towns=towns))
        if self.missing:
            out.append(msg("note_missing", lang, n=len(self.missing), towns=join(self.missing, lang)))
        out += [c.label(lang) for c in self.coming_in]
        return out


@dataclass
class ViewResult:
    """A view's table and what it was computed for; `rows` and `total` are its body and its total row, told
    apart by the SQL's `is_total` (never by a label: a town may be named like the total in an old database)."""

    name: str
    title: str
    df: pd.DataFrame
    resolved: Resolved
    # which rows of df are total rows (the SQL's is_total; None: the view has none)
    is_total: np.ndarray | None = field(default=None, repr=False)
    # what the dashboard derives from this result (chart, CSV bytes, Arrow table), kept with it: a
    # cached result lives exactly as long as its data version, so what is derived is never stale
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def rows(self) -> pd.DataFrame:
        """The table without its total row (the whole table when it has none)."""
        is_total = self.is_total
        if is_total is None or not is_total.any():
            return self.df
        return self._kept(("rows",), lambda: self.df[~is_total])

    @property
    def total(self) -> dict | None:
        """The total row (合计) as a dict; None when the view has none."""
        is_total = self.is_total
        if is_total is None or not is_total.any():
            return None
        return self._kept(("total",), lambda: self.df.iloc[int(np.flatnonzero(is_total)[-1])].to_dict())

    def _kept(self, key: tuple, build: Callable[[], T]) -> T:
        """Something derived from df, kept until df is replaced (the 通报 cleans a result's text in place)."""
        key = (*key, id(self.df))
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]


def parse_date_arg(value: str, lang: str = "zh") -> dt.date:
    """A date given on the command line or in a URL (the import date spellings are accepted)."""
    from .validate import parse_date

    d, err = parse_date(str(value).strip())
    if err or not isinstance(d, dt.date):
        raise ViewError("bad_date", lang, value=value)
    return d


def town_lookup(con: duckdb.DuckDBPyConnection) -> tuple[list[str], dict[str, str]]:
    """Towns in dictionary order and a name/alias → town map."""
    towns, lookup = [], {}
    for town, aliases in con.execute(load_sql("town_dictionary")).fetchall():
        towns.append(town)
        lookup[town] = town
        for a in aliases:
            lookup.setdefault(a, town)
    return towns, lookup


def resolve(con: duckdb.DuckDBPyConnection, filters: Filters, lang: str = "zh") -> Resolved:
    """Turn filters into a report date, baseline day, year, canonical towns and the reports in force;
    ViewError if impossible.

    The report date is the latest on or before the as-of date; the target year is the year of the as-of
    date, so an as-of date in a year with no report yet is refused rather than read as the old year.
    """
    all_towns, lookup = town_lookup(con)
    towns = []
    for t in filters.towns:
        if t not in lookup:
            raise ViewError("unknown_town_arg", lang, town=t)
        if lookup[t] not in towns:
            towns.append(lookup[t])
    if filters.industry is not None and filters.industry not in INDUSTRIES:
        raise ViewError("unknown_industry", lang, industry=filters.industry, allowed="、".join(INDUSTRIES))
    as_of = filters.as_of
    coming_in: list[DateChoice] = []
    if filters.year is not None:
        if as_of is not None and as_of.year != filters.year:
            raise ViewError("year_conflict", lang, year=filters.year, date=as_of.isoformat())
        if as_of is None:
            as_of = dt.date(filters.year, 12, 31)
            # issue 28/22: the year's latest closed report date (its year checked below like any as-of)
            default, coming_in = default_as_of(report_date_choices(con, filters.today, as_of))
            if default is not None and default.year == filters.year:
                as_of = default
            else:
                coming_in = []
    elif as_of is None:
        # issue 28/22: no date asked for — the latest closed report date, never a month still coming in
        default, coming_in = default_as_of(report_date_choices(con, filters.today))
        as_of = default
    snapshot, latest = con.execute(load_sql("report_date_for"), {"as_of": as_of}).fetchall()[0]
    if latest is None:
        raise ViewError("no_snapshots_at_all", lang)
    if snapshot is None:  # only with an as-of date: without one the latest report date is there
        raise ViewError("no_snapshot", lang, date=as_of.isoformat() if as_of else "")
    if as_of is not None and snapshot.year != as_of.year:
        raise ViewError("no_reports_in_year", lang, year=as_of.year, date=as_of.isoformat(),
                        snapshot=snapshot.isoformat())
    baseline_day = dt.date(snapshot.year - 1, 12, 31)
    rows = con.execute(load_sql("reports_used"), {"snapshot": snapshot, "baseline": baseline_day}).fetchall()
    shown = set(towns or all_towns)
    used = {t: d for t, d, _ in rows if t in shown}
    has_base = {t for t, _, b in rows if b is not None}
    baseline = baseline_day if has_base else None
    sql = load_sql("roster_files")
    files = {key: [r[0] for r in con.execute(sql, {"as_of": day}).fetchall()]
             for key, day in (("roster", snapshot), ("baseline", baseline), ("before", snapshot - dt.timedelta(days=1)))}
    return Resolved(snapshot, baseline, snapshot.year, towns, filters.industry, filters.as_of,
                    used, [t for t in used if t not in has_base] if has_base else [], filters.today or dt.date.today(),
                    files, coming_in)


_INT_TYPES = {pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()}


def frame(con: duckdb.DuckDBPyConnection, sql_name: str, params: dict[str, object]) -> pd.DataFrame:
    """Run a SQL file; integers stay integers even with empty cells, dates stay dates."""
    sql = load_sql(sql_name)
    # execute() binds and plans the statement once; con.sql() builds a relation first and plans it again
    # when it runs (5–8 ms a view, docs/performance.md). The extra copy DuckDB warns of is a few rows.
    table = con.execute(sql, used_params(sql, params)).to_arrow_table()
    assert table is not None  # a query always gives a table, empty or not
    df = table.to_pandas(types_mapper=lambda t: pd.Int64Dtype() if t in _INT_TYPES else None,
                         date_as_object=True)
    for col in df.columns:
        # targets are stored as numbers; count targets are whole numbers and should read so
        if "目标" in col and df[col].dtype.kind == "f":
            vals = df[col].dropna()
            if (vals == vals.round()).all():
                df[col] = df[col].round().astype("Int64")
    return df


def localize(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the user's language shows it: column names and values from the catalog (Chinese is the
    canonical form, returned as it is)."""
    if canonical(lang):
        return df
    out = df.rename(columns={c: COLUMNS[c].en for c in df.columns if c in COLUMNS})
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].replace(VALUES).replace(VALUE_PATTERNS, regex=True)  # issue 22: composed values too
    return out


def uses_industry(name: str) -> bool:
    """Whether a view's figures depend on the 行业类别 filter (its SQL takes $industry); the dashboard's cache
    keys the others without it, so every industry shares one computation."""
    return bool(used_params(load_sql(VIEWS[name].sql), {"industry": None})) if name in VIEWS else True


def get_view_con(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None,
                 lang: str = "zh", *, offset: int = 0, limit: int | None = None,
                 resolved: Resolved | None = None) -> ViewResult:
    """A view computed on an open read connection.

    `offset`/`limit` select one page of a unit list (views whose SQL takes $limit; ignored by the
    others): the rows [offset, offset + limit) of the whole view, in its order. `resolved`: the filters
    already resolved on this connection's data (resolve), shared by the views of one page.
    """
    if name not in VIEWS:
        raise ViewError("unknown_view", lang, view=name, allowed=", ".join(VIEWS))
    vd = VIEWS[name]
    resolved = resolved or resolve(con, filters or Filters(), lang)
    if vd.one_town and len(resolved.towns) != 1:  # issue 24: area-progress is about exactly one town
        raise ViewError("one_town_view", lang, view=name, n=len(resolved.towns))
    viewer = filters.viewer_towns if filters is not None else None
    params = resolved.params() | dict(vd.fixed) | {"offset": int(offset), "limit": limit,
                                                  "viewer_towns": list(viewer) if viewer else None}
    df = frame(con, vd.sql, params)
    if vd.sql in _SCOPE_SQL_COLUMNS and not scope_columns_shown(con, name):  # issue 27
        df = df.drop(columns=list(_SCOPE_SQL_COLUMNS[vd.sql]))
    is_total = None
    if "is_total" in df.columns:
        is_total = df.pop("is_total").fillna(False).to_numpy(dtype=bool)
    if vd.first_col:
        df = df.rename(columns={"分组": vd.first_col})
    df = localize(df, lang)
    return ViewResult(name, msg(f"view_{name}", lang), df, resolved, is_total)


def get_view(db: Path, name: str, filters: Filters | None = None, lang: str = "zh") -> ViewResult:
    """A view of the database at `db` (opened read-only for this call)."""
    con = connect_read(db)
    try:
        return get_view_con(con, name, filters, lang)
    finally:
        con.close()


def table(db: Path, sql_name: str) -> pd.DataFrame:
    """A parameterless table (snapshots, history)."""
    con = connect_read(db)
    try:
        return frame(con, sql_name, {})
    finally:
        con.close()
