"""Tables: a view's table exactly as exported (formatted from its column records, then translated), with its
downloads beside it; unit lists a page at a time; the import's notices."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

import pandas as pd
import pyarrow as pa
import streamlit as st

from ui import data
from ui.context import Ctx
from ui.data import memo
from ui.downloads import download
from ui.plain import literal
from unionboard.i18n import COUNT, PCT, POINTS, column, definition, kind_label, label
from unionboard.kinds import KINDS
from unionboard.views import ViewResult, localize

NOTICE_LINES = 10  # more notices than this are shown as one table, not one element each
MISSING = "—"  # what an empty cell shows (never 「None」/「nan」): the one place tables say it (issue 22)
FIT_ROWS = 60  # a table of at most this many rows is shown whole, its height fitted to its rows (issue 22)
TableHeight = int | Literal["auto", "stretch", "content"]  # what st.dataframe's `height` takes


def fitted_height(rows: int, height: TableHeight | None) -> TableHeight:
    """The table's height: a given one, else every row in view (a by-town table's 12 towns and 合计 without
    scrolling inside it) up to FIT_ROWS rows, else Streamlit's ten-row default with a scroll."""
    if height is not None:
        return height
    return "content" if rows <= FIT_ROWS else "auto"


def column_config(df: pd.DataFrame, lang: str, progress: dict[str, float] | None = None) -> dict:
    """Each column's display, from its record in the catalog (the table's columns are the canonical Chinese
    names): number format (thousands separators, %), its name in `lang` and its definition as help."""
    cfg = {}
    for i, col in enumerate(df.columns):
        name, helptext, fmt = label(col, lang), definition(col, lang), column(col).fmt
        if i == 0 and len(df.columns) > 4 and not pd.api.types.is_numeric_dtype(df[col]):
            # the row's name (街镇, 楼宇名称 …) stays in view when a wide table scrolls sideways (issue 22)
            cfg[name] = st.column_config.Column(name, help=helptext, pinned=True)
        elif progress and col in progress:
            cfg[name] = st.column_config.ProgressColumn(name, help=helptext, min_value=0, max_value=progress[col],
                                                        format="%.2f%%")
        elif fmt in (PCT, POINTS):
            cfg[name] = st.column_config.NumberColumn(name, help=helptext, format="%.2f%%" if fmt == PCT else "%.2f")
        elif pd.api.types.is_integer_dtype(df[col]) or (fmt == COUNT and pd.api.types.is_numeric_dtype(df[col])):
            cfg[name] = st.column_config.NumberColumn(name, help=helptext, format="localized")
        elif _longest(df[col]) > 12:  # a sentence (沿用 2015-05-31 报送数据，本期无新报表) shown whole, not cut (issue 22)
            cfg[name] = st.column_config.Column(name, help=helptext, width="large")
        elif helptext:
            cfg[name] = st.column_config.Column(name, help=helptext)
    return cfg


def _longest(values: pd.Series) -> int:
    """The length of a text column's longest value (0 for other columns)."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return 0
    return int(values.dropna().astype(str).str.len().max() or 0) if values.notna().any() else 0


def _frame(ctx: Ctx, result: ViewResult, what: tuple, canonical: Callable[[], pd.DataFrame], key: str, *,
           height: TableHeight | None, progress: dict[str, float] | None) -> None:
    """A table derived from a view (`canonical`, Chinese columns), converted for display once per view
    result: converting the frame on every rerun was a fifth of the towns page's time."""
    arrow = memo(result, ("arrow", *what, ctx.lang),
                 lambda: pa.Table.from_pandas(localize(canonical(), ctx.lang), preserve_index=False))
    config = memo(result, ("columns", *what, ctx.lang, tuple(sorted((progress or {}).items()))),
                  lambda: column_config(canonical(), ctx.lang, progress))
    st.dataframe(arrow, hide_index=True, width="stretch", height=fitted_height(arrow.num_rows, height), key=f"{key}_table",
                 column_config=config, placeholder=MISSING)


def show_table(ctx: Ctx, result: ViewResult, key: str, *, height: int | None = None,
               progress: dict[str, float] | None = None, whole: Callable[[], ViewResult] | None = None) -> None:
    """The view's table exactly as exported, with definitions, and its downloads.

    No per-cell pandas Styler: on the towns table it cost 28 ms of a 65 ms rerun (docs/benchmarks.md);
    status colours are shown by the chart and the status boxes instead.
    """
    _frame(ctx, result, ("view",), lambda: result.df, key, height=height, progress=progress)
    download(ctx, result, key, whole)


def show_derived(ctx: Ctx, result: ViewResult, build: Callable[[ViewResult], pd.DataFrame], key: str, *,
                 progress: dict[str, float] | None = None) -> None:
    """A table derived from a view (a ranking of its rows), kept with it, formatted like the view and
    without downloads of its own: the view's table beside it is the one downloaded and exported."""
    frame = memo(result, ("derived", build.__name__), lambda: build(result))
    _frame(ctx, result, ("derived", build.__name__), lambda: frame, key, height=None, progress=progress)


@functools.lru_cache(maxsize=32)
def _plain_display(db: str, version: tuple, sql_name: str, lang: str) -> tuple[pa.Table, dict]:
    df = data.plain_table(db, version, sql_name)
    if "数据类型" in df.columns:  # the import history records kinds by key (units): shown by name (issue 22)
        df = df.assign(数据类型=df["数据类型"].map(lambda k: kind_label(k, KINDS[k].zh, lang) if k in KINDS else k))
    return pa.Table.from_pandas(localize(df, lang), preserve_index=False), column_config(df, lang)


def show_plain_table(ctx: Ctx, sql_name: str, key: str, *, height: TableHeight | None = None,
                     hide: tuple[str, ...] = ()) -> None:
    """A parameterless table (snapshots, history) with its column definitions, converted for display once per
    data version; the columns in `hide` (canonical names) are left out."""
    arrow, config = _plain_display(str(ctx.db), ctx.version, sql_name, ctx.lang)
    shown = [label(c, ctx.lang) for c in hide]
    if shown:
        arrow = arrow.drop_columns([c for c in shown if c in arrow.column_names])
    st.dataframe(arrow, hide_index=True, width="stretch", height=fitted_height(arrow.num_rows, height), column_config=config,
                 key=key, placeholder=MISSING)


def history_hidden(ctx: Ctx) -> tuple[str, ...]:
    """Columns of the import history a 街镇 account does not see: a refusal's 说明 quotes cells (unit names
    and codes of any town)."""
    return ("说明",) if ctx.unit_towns else ()


def show_unit_list(ctx: Ctx, name: str, total: int, key: str, *, height: int = 560) -> ViewResult | None:
    """A unit list of `total` rows: whole when short, else PAGE_ROWS at a time with a page picker.

    Only the page on screen is read and sent to the browser (a city's list has ~440,000 rows); it is
    the rows [offset, offset + PAGE_ROWS) of the very view `export` writes, and the download is the
    whole list.
    """
    rows = data.PAGE_ROWS
    if total <= rows:
        result = data.view_page(ctx, name, 0, rows)  # the whole list, as one page; no second notice
        if result is not None:
            show_table(ctx, result, key, height=height, whole=lambda: data.whole_view(ctx, name))
        return result
    pages = -(-total // rows)
    picker = f"{key}_page"
    if not 1 <= int(st.session_state.get(picker, 1)) <= pages:  # fewer pages after a filter change
        st.session_state[picker] = 1
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    page = left.number_input(ctx.t("list_page", pages=f"{pages:,}"), min_value=1, max_value=pages, step=1, key=picker)
    offset = (int(page) - 1) * rows
    result = data.view_page(ctx, name, offset, rows)
    if result is None:
        return None
    right.caption(ctx.t("list_rows", first=f"{offset + 1:,}", last=f"{offset + len(result.df):,}", total=f"{total:,}"))
    show_table(ctx, result, key, height=height, whole=lambda: data.whole_view(ctx, name))
    return result


def notices(ctx: Ctx, warnings: list, key: str) -> None:
    """An import's notices (already capped, see validate.capped_notices): a few as captions, many as one
    table — a hostile file must not draw thousands of page elements."""
    if len(warnings) <= NOTICE_LINES:
        for w in warnings:
            st.caption(ctx.t("notice_line", line=literal(w.line(ctx.lang))))  # file names and cells: text
        return
    with st.expander(ctx.t("notices_many", n=f"{len(warnings):,}")):
        st.dataframe(pd.DataFrame({ctx.t("warnings"): [w.line(ctx.lang) for w in warnings]}),
                     hide_index=True, width="stretch", key=key)
