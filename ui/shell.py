"""The dashboard's shared Streamlit pieces: cached data access, the filters, tables, downloads.

Pages call these; they hold layout only. All numbers come from `unionboard.views` (the same
function `unionboard export` uses), cached per data version so an import is seen at once.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from ui.text import t
from unionboard import accounts, charts, errors, signin, store
from unionboard.accounts import Account
from unionboard.definitions import definition
from unionboard.export import csv_bytes, xlsx_bytes
from unionboard.kinds import INDUSTRIES
from unionboard.summary import TOTAL, total_row, without_total
from unionboard.views import EN_COLUMNS, Filters, ViewError, ViewResult, get_view_con, localize, table, town_lookup

CTX_KEY = "ub_ctx"


@dataclass
class Ctx:
    """What every page needs: database, language and the filters in force."""

    db: Path
    version: tuple | None
    lang: str
    snapshots: list[dt.date] = field(default_factory=list)
    towns_all: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    towns: list[str] = field(default_factory=list)
    industry: str | None = None
    user: Account | None = None
    accounts_configured: bool = False

    @property
    def can_import(self) -> bool:
        """Only a signed-in 管理员 may import any file and roll back; with no accounts the dashboard is read-only."""
        return self.user is not None and self.user.can_import

    @property
    def upload_town(self) -> str | None:
        """A signed-in 街镇 account uploads its own town's units report, and nothing else."""
        return self.user.town if self.user is not None and self.user.role == "街镇" else None

    @property
    def ready(self) -> bool:
        """Whether there is a roster snapshot to show."""
        return bool(self.snapshots)


# ------------------------------------------------------------------ data access

@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db: str, version: tuple):  # noqa: ANN202 - a DuckDB connection
    """One read connection per database version; a new import gives a new version."""
    return store.connect_read(Path(db))


@functools.lru_cache(maxsize=512)
def _view(db: str, version: tuple, name: str, as_of: dt.date | None, towns: tuple[str, ...],
          industry: str | None, offset: int = 0, limit: int | None = None, today: dt.date | None = None) -> ViewResult:
    """The view (or rows [offset, offset + limit) of a unit list), shared by every session and never
    copied: pages and chart builders only read it.

    A plain LRU cache rather than st.cache_*: its key is already a tuple of plain values (the data
    version first, so an import is seen at once), and Streamlit's argument hashing and (for
    cache_data) unpickling of the result cost milliseconds on every rerun.
    """
    cur = store.cursor(_connection(db, version))  # a cursor per call: sessions run in threads
    try:
        return get_view_con(cur, name, Filters(as_of, list(towns), industry, today=today), offset=offset, limit=limit)
    finally:
        cur.close()


def memo(result: ViewResult, key: tuple, build: Callable[[], Any]) -> Any:  # noqa: ANN401
    """Something derived from a cached view (a chart, CSV bytes), built once and kept with it."""
    try:
        return result.memo[key]
    except KeyError:
        value = result.memo[key] = build()
        return value


@functools.lru_cache(maxsize=8)
def _dictionary(db: str, version: tuple) -> tuple[list[dt.date], list[str], dict[str, str]]:
    """Snapshots (newest first), towns in dictionary order and the alias lookup; shared, read only."""
    cur = store.cursor(_connection(db, version))
    try:
        snaps = [r[0] for r in cur.execute("SELECT DISTINCT snapshot FROM current_reports ORDER BY snapshot DESC").fetchall()]
        towns, lookup = town_lookup(cur)
        return snaps, towns, lookup
    finally:
        cur.close()


# views that name single units, and the counts shown beside them: a 街镇 account sees its own town's
UNIT_LISTS = accounts.UNIT_LISTS
PAGE_ROWS = 1000  # a unit list longer than this is shown a page at a time


def _unit_towns(ctx: Ctx) -> list[str] | None:
    """The towns whose unit lists the signed-in account may see (None: all)."""
    return ctx.user.unit_towns if ctx.user is not None else None


def _view_towns(ctx: Ctx, name: str, notice: bool = True) -> tuple[str, ...]:
    """The towns a view is computed for: a 街镇 account sees unit lists of its own town only."""
    towns = accounts.view_towns(name, ctx.towns, _unit_towns(ctx))
    if notice and name in UNIT_LISTS and _unit_towns(ctx):
        st.caption(t("own_town_only", ctx.lang, town="、".join(towns)))
    return tuple(towns)


def failure(ctx: Ctx, exc: Exception) -> None:
    """A failure (damaged database, full disk, read-only folder, or a bug) as a clear message: what
    happened and what to do, without the server's folders; the traceback goes to the server log."""
    errors.report(exc, "dashboard")
    st.error(errors.explain(exc, ctx.lang, paths=False, db=ctx.db))


NOTICE_LINES = 10  # more notices than this are shown as one table, not one element each


def notices(ctx: Ctx, warnings: list, key: str) -> None:
    """An import's notices (already capped, see validate.capped_notices): a few as captions, many as one
    table — a hostile file must not draw thousands of page elements."""
    if len(warnings) <= NOTICE_LINES:
        for w in warnings:
            st.caption(f"{t('warnings', ctx.lang)}：{w.line(ctx.lang)}")
        return
    with st.expander(t("notices_many", ctx.lang, n=f"{len(warnings):,}")):
        st.dataframe(pd.DataFrame({t("warnings", ctx.lang): [w.line(ctx.lang) for w in warnings]}),
                     hide_index=True, width="stretch", key=key)


@functools.lru_cache(maxsize=4)
def _sign_in_events(log: str, identity: tuple | None) -> list[signin.Event]:
    """The record as read in this state (it is read again only when it has grown); shared, read only."""
    return signin.history(Path(log)) if identity else []


def sign_in_record(ctx: Ctx, key: str) -> None:
    """For 管理员: the record of sign-in attempts (failures, lockouts), newest first."""
    if not ctx.can_import:
        return
    log = signin.log_path(accounts.accounts_path(ctx.db))
    events = _sign_in_events(str(log), _file_identity(log))
    with st.expander(t("signin_record", ctx.lang, n=f"{len(events):,}", failures=signin.max_failures(),
                       minutes=int(signin.lock_time().total_seconds() // 60))):
        i = 1 if ctx.lang == "en" else 0
        st.dataframe(pd.DataFrame({t("signin_time", ctx.lang): [e.time.strftime("%Y-%m-%d %H:%M:%S") for e in events],
                                   t("user_name", ctx.lang): [e.user for e in events],
                                   t("signin_event", ctx.lang): [signin.EVENTS.get(e.event, (e.event, e.event))[i]
                                                                 for e in events]}),
                     hide_index=True, width="stretch", key=key)


def view(ctx: Ctx, name: str, *, notice: bool = True) -> ViewResult | None:
    """A view for the current filters (Chinese columns, canonical); None with a notice on error.

    A 街镇 account sees unit lists of its own town only, whatever the town filter says (said in a
    caption unless `notice` is False).
    """
    towns = _view_towns(ctx, name, notice)
    try:
        return _view(str(ctx.db), ctx.version, name, ctx.as_of, towns, ctx.industry, today=_today(name))
    except ViewError as exc:
        st.warning(str(exc))
    except Exception as exc:  # noqa: BLE001 - a damaged database or a full disk: explained, not a traceback
        if not errors.is_environment(exc):
            raise
        failure(ctx, exc)
    return None


def _today(name: str) -> dt.date | None:
    """The clock of a view that depends on it (报送状态: 待报 until the due day), part of its cache key so
    that a cached matrix never outlives the day it was made on."""
    return dt.date.today() if name == "submissions" else None


def view_page(ctx: Ctx, name: str, offset: int, limit: int) -> ViewResult | None:
    """Rows [offset, offset + limit) of a unit list, without reading the rest (see view)."""
    towns = _view_towns(ctx, name, notice=False)
    try:
        return _view(str(ctx.db), ctx.version, name, ctx.as_of, towns, ctx.industry, int(offset), int(limit))
    except ViewError as exc:
        st.warning(str(exc))
    except Exception as exc:  # noqa: BLE001 - see view
        if not errors.is_environment(exc):
            raise
        failure(ctx, exc)
    return None


def whole_view(ctx: Ctx, name: str) -> ViewResult:
    """The whole view for the current filters, for a download made on click (no notices: no page to show them)."""
    return _view(str(ctx.db), ctx.version, name, ctx.as_of, _view_towns(ctx, name, notice=False), ctx.industry,
                 today=_today(name))


@functools.lru_cache(maxsize=32)
def _plain_table(db: str, version: tuple, sql_name: str) -> pd.DataFrame:
    return table(Path(db), sql_name)


def plain_table(ctx: Ctx, sql_name: str) -> pd.DataFrame:
    """A parameterless table (snapshots, history) of the current version (shared: read only)."""
    return _plain_table(str(ctx.db), ctx.version, sql_name)


@functools.lru_cache(maxsize=32)
def _plain_display(db: str, version: tuple, sql_name: str) -> tuple[pa.Table, dict]:
    df = _plain_table(db, version, sql_name)
    return pa.Table.from_pandas(df, preserve_index=False), column_config(df, "zh")


def show_plain_table(ctx: Ctx, sql_name: str, key: str, *, height: int | str = "auto",
                     hide: tuple[str, ...] = ()) -> None:
    """A parameterless table with its column definitions, converted for display once per data version;
    the columns in `hide` are left out."""
    arrow, config = _plain_display(str(ctx.db), ctx.version, sql_name)
    if hide:
        arrow = arrow.drop_columns([c for c in hide if c in arrow.column_names])
    st.dataframe(arrow, hide_index=True, width="stretch", height=height, column_config=config, key=key)


def history_hidden(ctx: Ctx) -> tuple[str, ...]:
    """Columns of the import history a 街镇 account does not see: a refusal's 说明 quotes cells (unit names
    and codes of any town)."""
    return ("说明",) if _unit_towns(ctx) else ()


def row(result: ViewResult, column: str, value: str) -> dict | None:
    """The row of a view whose `column` equals `value`, as a dict; kept with the view. For 合计, the total
    row itself (summary.total_row: the last row, never a town of that name in an old database)."""
    def find() -> dict | None:
        if value == TOTAL:
            return total_row(result.df, column)
        hits = result.df.index[result.df[column] == value]
        return result.df.loc[hits[0]].to_dict() if len(hits) else None
    return memo(result, ("row", column, value), find)


def rows_without(result: ViewResult, column: str, value: str) -> pd.DataFrame:
    """The view's rows whose `column` is not `value`; for 合计, the table without its total row (see row).
    Kept with the view."""
    def build() -> pd.DataFrame:
        return without_total(result.df, column) if value == TOTAL else result.df[result.df[column] != value]
    return memo(result, ("rows_without", column, value), build)


def briefing_text(ctx: Ctx, result: ViewResult) -> str:
    """The written summary of a towns view (summary.briefing), kept with the view."""
    from unionboard.summary import briefing

    return memo(result, ("briefing", ctx.lang),
                lambda: briefing(result.resolved.snapshot, result.df, result.resolved.towns, ctx.lang))


def _frozen(fig):  # noqa: ANN001, ANN202
    """A figure whose to_dict() is computed once: st.plotly_chart calls it on every rerun, and for a
    cached, never-modified figure the deep copy it makes is wasted work (5-10 ms a chart)."""
    spec = fig.to_dict()
    fig.to_dict = lambda: spec
    return fig


def figure(ctx: Ctx, result: ViewResult, builder: str, *extra: object):  # noqa: ANN201
    """The chart `charts.<builder>` of a view, built once per view result (data version and filters)."""
    return memo(result, ("figure", builder, ctx.lang, extra),
                lambda: _frozen(getattr(charts, builder)(result.df, *extra, lang=ctx.lang)))


# ------------------------------------------------------------------ filters and URL

def _query_list(name: str) -> list[str]:
    try:
        return st.query_params.get_all(name)
    except Exception:  # noqa: BLE001 - a malformed URL must never break the page
        return []


def sidebar_filters(db: Path) -> Ctx:
    """Language, as-of, towns and industry in the sidebar, bound to the URL; bad URL values are noticed."""
    raw_lang = _query_list("lang")
    if raw_lang and "lang" not in st.session_state and raw_lang[0] in ("zh", "en"):
        st.session_state["lang"] = raw_lang[0]
    lang = st.sidebar.radio("语言 / Language", ["zh", "en"], key="lang", horizontal=True, bind="query-params",
                            format_func=lambda v: "中文" if v == "zh" else "English")
    version = store.data_version(db)
    ctx = Ctx(db=db, version=version, lang=lang)
    if version is None:
        return ctx
    snaps, towns, lookup = _dictionary(str(db), version)
    ctx.snapshots, ctx.towns_all = snaps, towns
    notices = []
    # --- URL values are checked before the widgets read them: aliases and in-between dates are mapped
    raw_towns = _query_list("town")
    if raw_towns and "town" not in st.session_state:
        good = [lookup[v] for v in raw_towns if v in lookup]
        bad = [v for v in raw_towns if v not in lookup]
        if bad:
            notices.append(t("bad_url_town", lang, values="、".join(bad[:5])[:80]))
        st.session_state["town"] = list(dict.fromkeys(good))
    raw_asof = _query_list("asof")
    if raw_asof and "asof" not in st.session_state:
        from unionboard.views import parse_date_arg
        try:
            wanted = parse_date_arg(raw_asof[0])
            usable = [s for s in snaps if s <= wanted]
            if usable:
                if usable[0] != wanted:
                    notices.append(t("asof_mapped", lang, wanted=wanted.isoformat(), used=usable[0].isoformat()))
                st.session_state["asof"] = usable[0].isoformat()
            else:
                notices.append(t("bad_url_asof", lang, value=raw_asof[0][:40]))
        except ViewError:
            notices.append(t("bad_url_asof", lang, value=raw_asof[0][:40]))
    raw_ind = _query_list("industry")
    if raw_ind and raw_ind[0] not in INDUSTRIES and "industry" not in st.session_state:
        notices.append(t("bad_url_industry", lang, value=raw_ind[0][:40]))
    # someone on the latest snapshot stays on the latest when an import adds a newer one
    latest = snaps[0].isoformat() if snaps else None
    seen = st.session_state.get("ub_latest_seen")
    if seen and latest and seen != latest and st.session_state.get("asof") == seen:
        st.session_state["asof"] = latest
    st.session_state["ub_latest_seen"] = latest
    st.sidebar.markdown(f"### {t('filters', lang)}")
    as_of = st.sidebar.selectbox(t("asof", lang), [s.isoformat() for s in snaps], key="asof", bind="query-params",
                                 help=t("asof_help", lang))
    chosen = st.sidebar.multiselect(t("towns", lang), towns, key="town", bind="query-params",
                                    placeholder=t("all_towns", lang))
    industry = st.sidebar.selectbox(t("industry", lang), ["全部", *INDUSTRIES], key="industry", bind="query-params",
                                    format_func=lambda v: t("all_industries", lang) if v == "全部" else v)
    ctx.as_of = dt.date.fromisoformat(as_of) if as_of else None
    ctx.towns = list(chosen)
    ctx.industry = None if industry in (None, "全部") else industry
    for n in notices:
        st.toast(n)
        st.sidebar.warning(n)
    return ctx


def current_lang() -> str:
    """The language chosen (widget state, else the URL), for the navigation's titles."""
    lang = st.session_state.get("lang")
    if lang is None:
        lang = (_query_list("lang") or ["zh"])[0]
    return "en" if lang == "en" else "zh"


def page_setup() -> Ctx:
    """Every page starts here: the sidebar filters, bound to the URL, and the context they give.

    Streamlit runs the files of a `pages/` folder directly (its legacy multipage mode) until the
    entry point's st.navigation has run once in the process. If that happens (a deep link opened
    first after a restart), switch to the entry point's navigation and rerun: same URL, same page,
    with the navigation's titles.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    st.set_page_config(page_title="工会组建进度看板", page_icon="📊", layout="wide")
    db = store.resolve_db(None)
    try:
        ctx = sidebar_filters(db)
        sign_in(ctx)
    except Exception as exc:  # noqa: BLE001 - a damaged database or accounts file: explained, then nothing more
        if not (errors.is_environment(exc) or isinstance(exc, ViewError)):
            raise
        failure(Ctx(db=db, version=None, lang=current_lang()), exc)
        st.stop()
    st.session_state[CTX_KEY] = ctx
    return ctx


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size) of a file, None if absent: any rewrite (os.replace) changes it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _users(path: str, identity: tuple) -> dict[str, dict]:
    """The accounts file as read in this state (an edit is seen on the next rerun); shared, read only."""
    return accounts.load(Path(path))


def _try_sign_in(accounts_file: str, log: str) -> None:
    """Check the submitted name and password (bcrypt) against the accounts file as it is now, with the
    lockout (unionboard.signin); remember the account, the failure or the lock."""
    path = Path(accounts_file)
    name = str(st.session_state.get("auth_name", "")).strip()
    password = str(st.session_state.get("auth_password", ""))
    st.session_state["auth_password"] = ""
    try:
        outcome = signin.attempt(Path(log), _users(str(path), _file_identity(path)), name, password)
    except Exception as exc:  # noqa: BLE001 - the record cannot be written: sign-in fails closed, explained
        errors.report(exc, "sign-in")
        st.session_state["auth_error"] = errors.explain(exc, current_lang(), paths=False)
        return
    if outcome.account is not None:
        st.session_state["auth_user"] = outcome.account
    elif outcome.locked_until is not None:
        st.session_state["auth_locked"] = outcome.locked_until.strftime("%H:%M")
    else:
        st.session_state["auth_failed"] = True


def sign_in(ctx: Ctx) -> None:
    """With accounts configured, nobody sees anything before signing in; without, all is read-only.

    The account is checked against the file on every rerun: a role, town or password changed on the
    server, or the user removed, ends the session at once (rights are never those of an old file).
    """
    path = accounts.accounts_path(ctx.db)
    identity = _file_identity(path)
    users = _users(str(path), identity) if identity else {}
    ctx.accounts_configured = bool(users)
    if not users:
        st.session_state.pop("auth_user", None)
        return
    log = signin.log_path(path)
    user = st.session_state.get("auth_user")
    if isinstance(user, Account) and accounts.current(users, user) is None:
        del st.session_state["auth_user"]
        st.session_state["auth_ended"] = True
        with contextlib.suppress(OSError):
            signin.record(log, user.name, "ended")
        user = None
    if isinstance(user, Account):
        ctx.user = user
        st.sidebar.caption(t("signed_in", ctx.lang, name=user.name, role=user.role,
                             town=f"，{user.town}" if user.town else ""))
        if st.sidebar.button(t("sign_out", ctx.lang), key="auth_sign_out"):
            del st.session_state["auth_user"]
            st.rerun()
        return
    st.title(t("app_title", ctx.lang))
    with st.form("auth_form"):
        st.text_input(t("user_name", ctx.lang), key="auth_name")
        st.text_input(t("password", ctx.lang), type="password", key="auth_password")
        # a callback runs before the script, so the submission survives any rerun of the navigation
        st.form_submit_button(t("sign_in", ctx.lang), type="primary", on_click=_try_sign_in,
                              args=(str(path), str(log)))
    if st.session_state.pop("auth_ended", False):
        st.warning(t("session_ended", ctx.lang))
    if st.session_state.pop("auth_failed", False):
        st.error(t("sign_in_failed", ctx.lang))
    locked = st.session_state.pop("auth_locked", None)
    if locked:
        st.error(t("sign_in_locked", ctx.lang, until=locked, n=signin.max_failures(),
                   minutes=int(signin.lock_time().total_seconds() // 60)))
    problem = st.session_state.pop("auth_error", None)
    if problem:
        st.error(problem)
    st.stop()


def need_data(ctx: Ctx) -> bool:
    """Show guidance and return False when there is nothing to show yet."""
    if ctx.version is None:
        st.info(t("no_db", ctx.lang, db=str(ctx.db)))
        return False
    if not ctx.ready:
        st.info(t("no_snapshots", ctx.lang))
        return False
    return True


# ------------------------------------------------------------------ display helpers

def column_config(df: pd.DataFrame, lang: str, progress: dict[str, float] | None = None) -> dict:
    """Number formats (thousands separators, %) and each column's definition as help."""
    cfg = {}
    for col in df.columns:
        canon = next((k for k, v in EN_COLUMNS.items() if v == col), col) if lang == "en" else col
        helptext = definition(canon, lang)
        if progress and canon in progress:
            cfg[col] = st.column_config.ProgressColumn(col, help=helptext, min_value=0, max_value=progress[canon],
                                                       format="%.2f%%")
        elif canon.endswith("(%)"):
            cfg[col] = st.column_config.NumberColumn(col, help=helptext, format="%.2f%%")
        elif pd.api.types.is_integer_dtype(df[col]):
            cfg[col] = st.column_config.NumberColumn(col, help=helptext, format="localized")
        elif helptext:
            cfg[col] = st.column_config.Column(col, help=helptext)
    return cfg


def show_table(ctx: Ctx, result: ViewResult, key: str, *, height: int | None = None,
               progress: dict[str, float] | None = None, whole: Callable[[], ViewResult] | None = None) -> None:
    """The view's table exactly as exported, with definitions, and its CSV download.

    No per-cell pandas Styler: on the towns table it cost 28 ms of a 65 ms rerun (docs/benchmarks.md);
    status colours are shown by the chart and the status boxes instead.
    """
    df = localize(result.df, ctx.lang)
    # an Arrow table and the column settings, made once per view result: converting the frame on
    # every rerun was a fifth of the towns page's time
    arrow = memo(result, ("arrow", ctx.lang), lambda: pa.Table.from_pandas(df, preserve_index=False))
    config = memo(result, ("columns", ctx.lang, tuple(sorted((progress or {}).items()))),
                  lambda: column_config(df, ctx.lang, progress))
    st.dataframe(arrow, hide_index=True, width="stretch", height=height or "auto", key=f"{key}_table",
                 column_config=config)
    download(ctx, result, key, whole)


def show_unit_list(ctx: Ctx, name: str, total: int, key: str, *, height: int = 560) -> ViewResult | None:
    """A unit list of `total` rows: whole when short, else PAGE_ROWS at a time with a page picker.

    Only the page on screen is read and sent to the browser (a city's list has ~440,000 rows); it is
    the rows [offset, offset + PAGE_ROWS) of the very view `export` writes, and the download is the
    whole list.
    """
    if total <= PAGE_ROWS:
        result = view_page(ctx, name, 0, PAGE_ROWS)  # the whole list, as one page; no second notice
        if result is not None:
            show_table(ctx, result, key, height=height, whole=lambda: whole_view(ctx, name))
        return result
    pages = -(-total // PAGE_ROWS)
    picker = f"{key}_page"
    if not 1 <= int(st.session_state.get(picker, 1)) <= pages:  # fewer pages after a filter change
        st.session_state[picker] = 1
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    page = left.number_input(t("list_page", ctx.lang, pages=f"{pages:,}"), min_value=1, max_value=pages, step=1,
                             key=picker)
    offset = (int(page) - 1) * PAGE_ROWS
    result = view_page(ctx, name, offset, PAGE_ROWS)
    if result is None:
        return None
    right.caption(t("list_rows", ctx.lang, first=f"{offset + 1:,}", last=f"{offset + len(result.df):,}",
                    total=f"{total:,}"))
    show_table(ctx, result, key, height=height, whole=lambda: whole_view(ctx, name))
    return result


def download_name(ctx: Ctx, result: ViewResult) -> str:
    """File name with view, towns and date: towns_安亭镇-马陆镇_2015-06-30.csv."""
    towns = "-".join(result.resolved.towns) if result.resolved.towns else ("全区" if ctx.lang != "en" else "district")
    parts = [result.name, towns]
    if result.resolved.industry:
        parts.append(result.resolved.industry)
    parts.append(result.resolved.snapshot.isoformat())
    return "_".join(parts) + ".csv"


def download_bytes(ctx: Ctx, result: ViewResult) -> bytes:
    """The download's bytes: the same CSV `unionboard export` writes (kept with the view result)."""
    return memo(result, ("csv", ctx.lang), lambda: csv_bytes(localize(result.df, ctx.lang)))


def download_xlsx_bytes(ctx: Ctx, result: ViewResult) -> bytes:
    """The same table as the CSV download, as an Excel workbook of one sheet: text cells stay text, so an
    all-digit 统一社会信用代码 keeps its 18 digits (kept with the view result)."""
    return memo(result, ("xlsx", ctx.lang), lambda: xlsx_bytes({result.title: localize(result.df, ctx.lang)}))


def download(ctx: Ctx, result: ViewResult, key: str, whole: Callable[[], ViewResult] | None = None) -> None:
    """A CSV download button (UTF-8 with BOM) for a view and, beside it, the same table as XLSX; the bytes
    are made when a button is clicked.

    With `whole`, the download is of the view that function gives (the whole list behind one page).
    """
    def data() -> bytes:
        return download_bytes(ctx, whole() if whole is not None else result)

    def data_xlsx() -> bytes:
        return download_xlsx_bytes(ctx, whole() if whole is not None else result)

    title = result.title if ctx.lang != "en" else result.name
    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button(f"⬇ {t('download_csv', ctx.lang)}（{title}）", data=data, file_name=download_name(ctx, result),
                        mime="text/csv", key=f"{key}_download", on_click="ignore", help=t("csv_codes", ctx.lang))
    row.download_button(f"⬇ {t('download_xlsx', ctx.lang)}", data=data_xlsx,
                        file_name=download_name(ctx, result).removesuffix(".csv") + ".xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key=f"{key}_download_xlsx", on_click="ignore")
    if "统一社会信用代码" in result.df.columns:
        row.caption(t("csv_codes", ctx.lang))


def caption(ctx: Ctx, result: ViewResult) -> None:
    """Which report date and filters a view used (every view states its report date), and what the
    figures are made of: towns counted from an earlier report (沿用) or not reported at all (未报送)."""
    r = result.resolved
    towns = "、".join(r.towns) if r.towns else t("all_towns", ctx.lang)
    text = t("caption", ctx.lang, snapshot=r.snapshot.isoformat(), year=r.year, towns=towns,
             industry=r.industry or t("all_industries", ctx.lang))
    if r.baseline is None:
        text += " " + t("no_baseline", ctx.lang)
    elif r.no_base:
        text += " " + t("some_without_baseline", ctx.lang, towns="、".join(r.no_base))
    st.caption(text)
    notes = memo(result, ("notes", ctx.lang), lambda: r.notes(ctx.lang))
    if r.carried or r.missing:
        st.warning("　".join(notes), icon=":material/history:")


def no_target_note(ctx: Ctx, towns: ViewResult) -> None:
    """Beside a 合计 完成率: which towns have no target (they take part in neither side of it)."""
    from unionboard.summary import towns_without_target

    notes = memo(towns, ("no_target", ctx.lang), lambda: [
        t("no_target_towns", ctx.lang, indicator=ind, towns="、".join(names))
        for ind in ("新建会单位数", "新发展会员数") if (names := towns_without_target(towns.df, ind))])
    for note in notes:
        st.caption(note)


def heading(ctx: Ctx, key: str) -> None:
    """The page title in the user's language."""
    st.title(t(key, ctx.lang))


def chart(fig, key: str, **kw) -> object:  # noqa: ANN001
    """A plotly chart at full width with the toolbar trimmed."""
    return st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False}, **kw)


def status_boxes(towns: pd.DataFrame, lang: str = "zh") -> None:
    """Three boxes, 达标 / 预警 / 滞后, with the towns in each (coloured as everywhere).

    One HTML element laid out with flexbox rather than three columns of three elements: every
    element costs the rerun time, and this row is on the two most used pages.
    """
    import html

    from unionboard.summary import status_counts
    from unionboard.views import EN_VALUES

    groups = status_counts(towns)
    if not any(groups.values()):
        return
    boxes = []
    for status, colour in charts.STATUS_COLOURS.items():
        names = html.escape("、".join(groups[status]) or "—")  # town names come from imported files
        boxes.append(f"<div style='flex:1;border-left:8px solid {colour};padding:6px 12px;background:#F7F9FC'>"
                     f"<b style='font-size:1.2rem;color:{colour}'>{EN_VALUES[status] if lang == 'en' else status} "
                     f"{len(groups[status])}</b><br><span style='font-size:0.95rem'>{names}</span></div>")
    st.markdown(f"<div style='display:flex;gap:1rem;margin-bottom:0.5rem'>{''.join(boxes)}</div>",
                unsafe_allow_html=True)


@st.cache_data(max_entries=16, show_spinner=False)
def _document(db: str, version: tuple, what: str, as_of: dt.date | None, towns: tuple[str, ...],
              industry: str | None, lang: str, unit_towns: tuple[str, ...] | None = None) -> bytes:
    from unionboard.briefing import docx_bytes, workbook_bytes

    filters = Filters(as_of, list(towns), industry)
    limit = list(unit_towns) if unit_towns else None
    if what == "briefing":
        return docx_bytes(Path(db), filters, unit_towns=limit)
    return workbook_bytes(Path(db), filters, lang, unit_towns=limit)


def document_bytes(ctx: Ctx, what: str) -> bytes:
    """The 通报 ('briefing') or the all-views workbook ('workbook') for the current filters, with the
    account's row-level rule: a 街镇 account's unit lists (and their counts) are of its own town."""
    unit_towns = _unit_towns(ctx)
    return _document(str(ctx.db), ctx.version, what, ctx.as_of, tuple(ctx.towns), ctx.industry, ctx.lang,
                     tuple(unit_towns) if unit_towns else None)


def document_downloads(ctx: Ctx, result: ViewResult) -> None:
    """The 通报 (Word) and every view (Excel), built when clicked, the same as `export briefing|workbook`."""

    stem = download_name(ctx, result).removesuffix(".csv").replace(result.name + "_", "", 1)
    a, b = st.columns(2)
    a.download_button(t("download_briefing", ctx.lang), functools.partial(document_bytes, ctx, "briefing"),
                      file_name=f"通报_{stem}.docx", key="overview_briefing", on_click="ignore", width="stretch",
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    b.download_button(t("download_workbook", ctx.lang), functools.partial(document_bytes, ctx, "workbook"),
                      file_name=f"全部视图_{stem}.xlsx", key="overview_workbook", on_click="ignore", width="stretch",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
