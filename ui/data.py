"""Data access and caches: every number the pages show comes from `unionboard.views` (the function
`unionboard export` uses too), cached per data version so that an import is seen at once.

The caching design: a view is computed once per (database, data version, view, filters) and shared by
every session (an LRU of plain values, `_view`); what a page derives from it — a chart, an Arrow table,
CSV bytes — is kept with the cached result (`memo`), so it lives exactly as long as its data version.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from ui.context import Ctx
from ui.plain import literal
from unionboard import accounts, errors, store
from unionboard.i18n import join
from unionboard.importer import setting_on
from unionboard.memo import shared_lru
from unionboard.sql import execute, load_sql
from unionboard.views import (  # issue 28/22: the as-of default
    DateChoice,
    Filters,
    Resolved,
    ViewError,
    ViewResult,
    get_view_con,
    report_date_choices,
    resolve,
    table,
    town_lookup,
    uses_industry,
)

PAGE_ROWS = 1000  # a unit list longer than this is shown a page at a time


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db: str, version: tuple | None):  # noqa: ANN202 - a DuckDB connection
    """One read connection per database version; a new import gives a new version."""
    return store.connect_read(Path(db))


@shared_lru(maxsize=128)
def _resolved(db: str, version: tuple | None, as_of: dt.date | None, towns: tuple[str, ...], industry: str | None,
              today: dt.date | None) -> Resolved:
    """The filters resolved on a data version (report date, baseline, reports in force): once for all the
    views of a page, not once per view."""
    cur = store.cursor(_connection(db, version))
    try:
        return resolve(cur, Filters(as_of, list(towns), industry, today=today))
    finally:
        cur.close()


@shared_lru(maxsize=512)
def _view(db: str, version: tuple | None, name: str, as_of: dt.date | None, towns: tuple[str, ...],
          industry: str | None, offset: int = 0, limit: int | None = None, today: dt.date | None = None,
          viewer: tuple[str, ...] | None = None) -> ViewResult:
    """The view (or rows [offset, offset + limit) of a unit list), shared by every session and never
    copied: pages and chart builders only read it.

    A plain LRU cache rather than st.cache_*: its key is already a tuple of plain values (the data
    version first, so an import is seen at once), and Streamlit's argument hashing and (for
    cache_data) unpickling of the result cost milliseconds on every rerun. Sessions asking for the same
    view at the same moment (a room following the presenter) wait for one computation (shared_lru).
    """
    resolved = _resolved(db, version, as_of, towns, industry, today)
    cur = store.cursor(_connection(db, version))  # a cursor per call: sessions run in threads
    try:
        return get_view_con(cur, name, Filters(as_of, list(towns), industry, today=today,
                                               viewer_towns=list(viewer) if viewer else None),
                            offset=offset, limit=limit, resolved=resolved)
    finally:
        cur.close()


@shared_lru(maxsize=16)
def _setting(db: str, version: tuple | None, key: str) -> str:
    """A district setting of a data version (a change of setting is a new version)."""
    cur = store.cursor(_connection(db, version))
    try:
        return setting_on(cur, key)
    finally:
        cur.close()


def setting(ctx: Ctx, key: str) -> str:
    """A district setting (e.g. due_days), read through the cached connection."""
    return _setting(str(ctx.db), ctx.version, key)


def memo(result: ViewResult, key: tuple, build: Callable[[], Any]) -> Any:  # noqa: ANN401
    """Something derived from a cached view (a chart, CSV bytes), built once and kept with it."""
    try:
        return result.memo[key]
    except KeyError:
        value = result.memo[key] = build()
        return value


@functools.lru_cache(maxsize=8)
def dictionary(db: str, version: tuple | None) -> tuple[list[dt.date], list[str], dict[str, str]]:
    """Snapshots (newest first), towns in dictionary order and the alias lookup; shared, read only."""
    cur = store.cursor(_connection(db, version))
    try:
        snaps = [r[0] for r in execute(cur, load_sql("report_dates"))]
        towns, lookup = town_lookup(cur)
        return snaps, towns, lookup
    finally:
        cur.close()


@functools.lru_cache(maxsize=8)
def date_choices(db: str, version: tuple, today: dt.date) -> list[DateChoice]:
    """The as-of picker's report dates, newest first, closed or still coming in, and the default (issue
    28/22: views.report_date_choices, the rule `export` uses too); keyed on the day, since a due day
    passing closes a date. Shared, read only."""
    cur = store.cursor(_connection(db, version))
    try:
        return report_date_choices(cur, today)
    finally:
        cur.close()


def _view_towns(ctx: Ctx, name: str, notice: bool = True) -> tuple[str, ...]:
    """The towns a view is computed for: a 街镇 account sees unit lists of its own town only."""
    towns = accounts.view_towns(name, ctx.towns, ctx.unit_towns)
    if notice and name in accounts.UNIT_LISTS and ctx.unit_towns:
        st.caption(ctx.t("own_town_only", town=join(towns, ctx.lang)))
    return tuple(towns)


def _today(name: str) -> dt.date | None:
    """The clock of a view that depends on it (报送状态: 待报 until the due day), part of its cache key so
    that a cached matrix never outlives the day it was made on."""
    return dt.date.today() if name == "submissions" else None


def failure(ctx: Ctx, exc: Exception) -> None:
    """A failure (damaged database, full disk, read-only folder, or a bug) as a clear message: what
    happened and what to do, without the server's folders; the traceback goes to the server log."""
    errors.report(exc, "dashboard")
    st.error(errors.explain(exc, ctx.lang, paths=False, db=ctx.db))


def _shown(ctx: Ctx, compute: Callable[[], ViewResult]) -> ViewResult | None:
    """A view computed for the page, or None after saying why (a request it cannot answer, or a damaged
    database or full disk: explained, never a traceback)."""
    try:
        return compute()
    except ViewError as exc:
        st.warning(literal(str(exc)))  # may hold a value from the URL: text, never Markdown (issue 28)
    except Exception as exc:  # noqa: BLE001 - see failure
        if not errors.is_environment(exc):
            raise
        failure(ctx, exc)
    return None


def _cached(ctx: Ctx, name: str, towns: tuple[str, ...], offset: int = 0, limit: int | None = None) -> ViewResult:
    """The shared cache's entry for a view under the context's filters: a view whose SQL ignores 行业类别 is
    keyed without it, so every industry (and every door: page, page of a list, download) shares one."""
    industry = ctx.industry if uses_industry(name) else None
    # issue 28: a 街镇 account's roster check hides other towns' values (part of the key: never shared)
    viewer = tuple(ctx.unit_towns) if ctx.unit_towns and name in ("changes", "changes-by-town") else None
    return _view(str(ctx.db), ctx.version, name, ctx.as_of, towns, industry, offset, limit, today=_today(name),
                 viewer=viewer)


def view(ctx: Ctx, name: str, *, notice: bool = True) -> ViewResult | None:
    """A view for the current filters (Chinese columns, canonical); None with a notice on error.

    A 街镇 account sees unit lists of its own town only, whatever the town filter says (said in a
    caption unless `notice` is False).
    """
    towns = _view_towns(ctx, name, notice)
    return _shown(ctx, lambda: _cached(ctx, name, towns))


def view_page(ctx: Ctx, name: str, offset: int, limit: int) -> ViewResult | None:
    """Rows [offset, offset + limit) of a unit list, without reading the rest (see view)."""
    towns = _view_towns(ctx, name, notice=False)
    return _shown(ctx, lambda: _cached(ctx, name, towns, int(offset), int(limit)))


def whole_view(ctx: Ctx, name: str) -> ViewResult:
    """The whole view for the current filters, for a download made on click (no notices: no page to show them)."""
    return _cached(ctx, name, _view_towns(ctx, name, notice=False))


@functools.lru_cache(maxsize=32)
def plain_table(db: str, version: tuple | None, sql_name: str) -> pd.DataFrame:
    """A parameterless table (snapshots, history) of a data version (shared: read only)."""
    return table(Path(db), sql_name)


@st.cache_data(max_entries=16, show_spinner=False)
def _document(db: str, version: tuple | None, what: str, as_of: dt.date | None, towns: tuple[str, ...],
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
    unit_towns = ctx.unit_towns
    return _document(str(ctx.db), ctx.version, what, ctx.as_of, tuple(ctx.towns), ctx.industry, ctx.lang,
                     tuple(unit_towns) if unit_towns else None)
