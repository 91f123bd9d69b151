"""The views: the single way to get a table, for the dashboard, its downloads and `export`.

`get_view(db, name, filters)` resolves the as-of date to a snapshot (and its baseline and target
year), runs the view's SQL file with named parameters and returns a ViewResult whose DataFrame
is exactly what the page shows, the download holds and `unionboard export` writes.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from .i18n import msg
from .kinds import INDUSTRIES
from .sql import load_sql, used_params
from .store import connect_read

# frame() fetches Arrow from an executed statement, which DuckDB warns copies the rows (a view's few rows)
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


class ViewError(Exception):
    """A request that cannot be answered (unknown view, town, date…); carries a user message."""

    def __init__(self, key: str, lang: str = "zh", **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(msg(key, lang, **params))


@dataclass(frozen=True)
class ViewDef:
    """A view: the SQL file answering it, fixed parameters, and its titles."""

    sql: str
    zh: str
    en: str
    fixed: tuple[tuple[str, object], ...] = ()
    first_col: str | None = None  # rename of the slice column of coverage_by_slice
    needs_snapshot: bool = True


VIEWS: dict[str, ViewDef] = {
    "towns": ViewDef("town_progress", "街镇进度", "Town progress"),
    "industries": ViewDef("coverage_by_slice", "行业覆盖", "Coverage by industry", (("slice", "industry"),), "行业类别"),
    "two-new": ViewDef("coverage_by_slice", "两新组织", "New economic and social organisations",
                       (("slice", "two_new"),), "两新组织"),
    "unit-types": ViewDef("coverage_by_slice", "单位类型", "Coverage by unit type", (("slice", "unit_type"),), "单位类型"),
    "sizes": ViewDef("coverage_by_slice", "单位规模", "Coverage by size", (("slice", "size"),), "单位规模"),
    "buildings": ViewDef("building_coverage", "商务楼宇", "Commercial buildings"),
    "federations": ViewDef("federations_by_town", "工会联合会", "Federations by town"),
    "federation-list": ViewDef("federation_list", "工会联合会名录", "Federation list"),
    "areas": ViewDef("area_coverage", "村居园区", "Villages and parks"),
    "dynamics": ViewDef("dynamics_by_town_month", "企业动态", "Openings, closures and moves"),
    "followup": ViewDef("transfer_followup", "会员转接跟踪", "Members not transferred"),
    "training": ViewDef("training_by_town", "干部培训", "Cadre training by town"),
    "training-sessions": ViewDef("training_sessions", "培训班次", "Training sessions"),
    "uncovered": ViewDef("uncovered_units", "未建会清单", "Units without a union", (("key_only", False),)),
    "key-uncovered": ViewDef("uncovered_units", "重点未建会单位", "Key units without a union",
                             (("key_only", True),)),
    "uncovered-by-town": ViewDef("uncovered_by_town", "未建会单位分布", "Units without a union by town",
                                 (("key_only", False),)),
    "key-uncovered-by-town": ViewDef("uncovered_by_town", "重点未建会单位分布", "Key units without a union by town",
                                     (("key_only", True),)),
    "trend": ViewDef("coverage_trend", "趋势", "Trend over report dates"),
    "fortune500": ViewDef("coverage_by_slice", "世界500强", "Fortune 500 units", (("slice", "fortune500"),), "世界500强"),
    "town-rates": ViewDef("town_rates", "重点比率", "Key rates by town"),
    "submissions": ViewDef("submissions", "报送进度", "Reports received"),
    "changes": ViewDef("roster_changes", "名册核对", "Roster check"),
    "changes-by-town": ViewDef("roster_changes_by_town", "名册核对汇总", "Roster check by town"),
}

# English column names, for --lang en and the English UI.
EN_COLUMNS: dict[str, str] = {
    "街镇": "town", "在营单位数": "active units", "已建会单位数": "units with union", "建会率(%)": "coverage (%)",
    "职工人数": "employees", "会员人数": "members", "入会率(%)": "membership (%)", "农民工人数": "migrant workers",
    "农民工会员数": "migrant members", "农民工入会率(%)": "migrant membership (%)",
    "新建会单位数": "new unions", "新建会单位数目标": "new unions target",
    "新建会单位数完成率(%)": "new unions done (%)", "新发展会员数": "new members",
    "新发展会员数目标": "new members target", "新发展会员数完成率(%)": "new members done (%)",
    "序时进度(%)": "time elapsed (%)", "进度状态": "status", "行业类别": "industry", "两新组织": "two-new group",
    "单位类型": "unit type", "单位规模": "size", "25人以上在营单位数": "active units 25+",
    "25人以上已建会单位数": "units with union 25+", "25人以上单位建会率(%)": "coverage 25+ (%)",
    "楼宇名称": "building", "楼宇工会联合会": "building federation", "联合会名称": "federation",
    "成立日期": "founded", "村工会联合会": "village federations", "园区工会联合会": "park federations",
    "行业工会联合会": "industry federations", "区域工会联合会": "regional federations",
    "联合会合计": "federations", "专职干部人数": "full-time cadres", "覆盖单位数": "units covered",
    "覆盖会员数": "members covered", "村(园区)工会联合会数": "village/park federations",
    "村(园区)工会联合会数目标": "village/park federations target",
    "村(园区)工会联合会数完成率(%)": "village/park federations done (%)",
    "楼宇工会联合会数目标": "building federations target", "楼宇工会联合会数完成率(%)": "building federations done (%)",
    "类型": "kind", "村居园区": "area", "工会联合会": "federations", "月份": "month", "新开业": "opened",
    "停产": "stopped", "关闭": "closed", "迁入": "moved in", "迁出": "moved out", "撤销工会": "unions dissolved",
    "转移接续": "unions transferred", "涉及会员数": "members affected", "转接会员数": "members transferred",
    "会员转接率(%)": "transfer rate (%)", "日期": "date", "统一社会信用代码": "credit code", "单位名称": "unit",
    "事件": "event", "现街镇": "to town", "工会处置": "union action", "未转接会员数": "members not transferred",
    "培训班次": "sessions", "村(园区)工会主席": "village/park chairs", "企业工会主席": "enterprise chairs",
    "工会干部": "union cadres", "参训人数": "trainees", "村(园区)工会主席培训覆盖率(%)": "chairs trained (%)",
    "开始日期": "start", "结束日期": "end", "天数": "days", "地点": "place", "主办单位": "organiser",
    "培训对象": "audience", "参训街镇数": "towns", "世界500强": "Fortune 500", "经营状态": "status",
    "25人以上": "25+", "25人以下": "under 25", "未建会单位数": "units without union",
    "涉及职工人数": "employees concerned", "涉及农民工人数": "migrant workers concerned",
    "报表日期": "report date", "单位数": "units", "街镇数": "towns",
    "数据来源": "figures from", "建会率目标(%)": "coverage target (%)", "建会率差距(百分点)": "coverage gap (pp)",
    "入会率目标(%)": "membership target (%)", "入会率差距(百分点)": "membership gap (pp)", "报送状态": "reporting",
    "截止日期": "due", "报送时间": "received", "报送人": "by", "文件名": "file", "较上期变化": "change",
    "沿用街镇数": "towns carried forward", "未报送街镇数": "towns not reported", "报送街镇数": "towns reported",
    "报送单位数": "units reported", "报送街镇": "towns that reported",
    "核对项": "finding", "核对情况": "checked", "本期报表日期": "report date", "上期报表日期": "previous report",
    "单位消失未报动态": "gone, no event", "新增单位未报动态": "new, no event", "工会断线": "union lost",
    "会员锐减": "members fell", "街镇变更未报": "moved, not reported", "上期街镇": "town before",
    "上期经营状态": "status before", "上期建会情况": "union before", "上期职工人数": "employees before",
    "上期会员人数": "members before", "本期街镇": "town now", "本期经营状态": "status now", "本期建会情况": "union now",
    "本期职工人数": "employees now", "本期会员人数": "members now", "会员变化": "members change", "期间动态": "events",
    "环比报表日期": "compared with", "同比报表日期": "a year before",
}
EN_VALUES = {"合计": "Total", "达标": "on track", "预警": "warning", "滞后": "lagging", "按时": "on time",
             "逾期": "late", "未报送": "not reported", "待报": "not yet due", "世界500强": "Fortune 500",
             "非世界500强": "other"}


@dataclass
class Filters:
    """What the user asked for: as-of date, towns (empty: all), industry, target year."""

    as_of: dt.date | None = None
    towns: list[str] = field(default_factory=list)
    industry: str | None = None
    year: int | None = None
    today: dt.date | None = None  # the clock for 报送状态 (None: today)


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
            sep = ", " if lang == "en" else "、"
            towns = sep.join(msg("note_carried_town", lang, town=t, date=d.isoformat()) for t, d in self.carried.items())
            out.append(msg("note_carried", lang, n=len(self.carried), towns=towns))
        if self.missing:
            out.append(msg("note_missing", lang, n=len(self.missing), towns=("、" if lang != "en" else ", ").join(self.missing)))
        return out


@dataclass
class ViewResult:
    """A view's table and what it was computed for."""

    name: str
    title: str
    df: pd.DataFrame
    resolved: Resolved
    total_row: bool
    # what the dashboard derives from this result (chart, CSV bytes, Arrow table), kept with it: a
    # cached result lives exactly as long as its data version, so what is derived is never stale
    memo: dict = field(default_factory=dict, compare=False, repr=False)


def parse_date_arg(value: str, lang: str = "zh") -> dt.date:
    """A date given on the command line or in a URL (the import date spellings are accepted)."""
    from .validate import parse_date

    d, err = parse_date(str(value).strip())
    if err:
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
    if filters.year is not None:
        if as_of is not None and as_of.year != filters.year:
            raise ViewError("year_conflict", lang, year=filters.year, date=as_of.isoformat())
        if as_of is None:
            as_of = dt.date(filters.year, 12, 31)
    snapshot, latest = con.execute(load_sql("report_date_for"), {"as_of": as_of}).fetchall()[0]
    if latest is None:
        raise ViewError("no_snapshots_at_all", lang)
    if snapshot is None:
        raise ViewError("no_snapshot", lang, date=as_of.isoformat())
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
                    files)


_INT_TYPES = {pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()}


def frame(con: duckdb.DuckDBPyConnection, sql_name: str, params: dict[str, object]) -> pd.DataFrame:
    """Run a SQL file; integers stay integers even with empty cells, dates stay dates."""
    sql = load_sql(sql_name)
    # execute() binds and plans the statement once; con.sql() builds a relation first and plans it again
    # when it runs (5–8 ms a view, docs/performance.md). The extra copy DuckDB warns of is a few rows.
    table = con.execute(sql, used_params(sql, params)).to_arrow_table()
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
    """The table as the user's language shows it (Chinese is the canonical form)."""
    if lang != "en":
        return df
    out = df.rename(columns=EN_COLUMNS)
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].replace(EN_VALUES)
    return out


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
    params = resolved.params() | dict(vd.fixed) | {"offset": int(offset), "limit": limit}
    df = frame(con, vd.sql, params)
    total = "is_total" in df.columns
    if total:
        df = df.drop(columns="is_total")
    if vd.first_col:
        df = df.rename(columns={"分组": vd.first_col})
    df = localize(df, lang)
    return ViewResult(name, vd.en if lang == "en" else vd.zh, df, resolved, total)


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
