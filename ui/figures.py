"""Charts, key-figure cards and the status boxes: what the pages draw besides tables."""
from __future__ import annotations

import html

import streamlit as st

from ui.context import Ctx
from ui.data import memo
from unionboard import charts
from unionboard.i18n import join, value
from unionboard.status import COLOURS
from unionboard.summary import status_counts
from unionboard.views import ViewResult


def _frozen(fig):  # noqa: ANN001, ANN202
    """A figure whose to_dict() is computed once: st.plotly_chart calls it on every rerun, and for a
    cached, never-modified figure the deep copy it makes is wasted work (5-10 ms a chart)."""
    spec = fig.to_dict()
    fig.to_dict = lambda: spec
    return fig


def figure(ctx: Ctx, result: ViewResult, builder: str, *extra: object):  # noqa: ANN201
    """The chart `charts.<builder>` of a view's rows (its total row left out), built once per view result
    (data version and filters)."""
    return memo(result, ("figure", builder, ctx.lang, extra),
                lambda: _frozen(getattr(charts, builder)(result.rows, *extra, lang=ctx.lang)))


def chart(fig, key: str, *, toolbar: bool = True, **kw) -> object:  # noqa: ANN001
    """A plotly chart at full width with the toolbar trimmed (none at all with `toolbar=False`: a projector)."""
    config = {"displaylogo": False} if toolbar else {"displayModeBar": False, "displaylogo": False}
    return st.plotly_chart(fig, width="stretch", key=key, config=config, **kw)


CARDS_KEY = "ub_cards"  # the container of a row of six key figures: three a row on a narrower screen
# Issue 22: a key figure is never cut. A card's label wraps instead of ending in 「…」, its value shrinks a
# little with the screen, and the six cards of 总览's first row go three a row below 1600 px of screen
# (1366×768: the office laptop and most projectors), where six would be 137 px each.
ROOM_CSS = f"""<style>
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div {{white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}}
[data-testid="stMetricValue"] {{font-size: clamp(1.6rem, 2.1vw, 2.25rem);}}
@media (max-width: 1600px) {{
  .st-key-{CARDS_KEY} [data-testid="stHorizontalBlock"] {{flex-wrap: wrap; row-gap: 0.6rem;}}
  .st-key-{CARDS_KEY} [data-testid="stColumn"] {{flex: 1 1 calc(33.3% - 1rem) !important;
    min-width: calc(33.3% - 1rem) !important;}}
}}
</style>"""


def room_style() -> None:
    """The layout rules that keep key figures whole at 1366×768 and 1920×1080 (every page)."""
    st.html(ROOM_CSS)


def cards(ctx: Ctx, items: list[tuple]) -> None:
    """A row of key-figure cards: (label key, value shown[, the column or term whose definition is its help])."""
    for col, (key, shown, *defined) in zip(st.columns(len(items)), items, strict=True):
        col.metric(ctx.t(key), shown, help=ctx.define(defined[0]) if defined else None, border=True)


def status_boxes(ctx: Ctx, towns: ViewResult, label: str = "街镇") -> None:
    """Three boxes, 达标 / 预警 / 滞后, with the towns in each (coloured as everywhere).

    One HTML element laid out with flexbox rather than three columns of three elements: every
    element costs the rerun time, and this row is on the two most used pages.
    """
    def build() -> str | None:
        groups = status_counts(towns, label)  # label: issue 24 (a town's areas by 村居园区)
        if not any(groups.values()):
            return None
        boxes = []
        for status, colour in COLOURS.items():
            names = html.escape(join(groups[status], ctx.lang) or "—")  # town names come from imported files
            boxes.append(f"<div style='flex:1;border-left:8px solid {colour};padding:6px 12px;background:#F7F9FC'>"
                         f"<b style='font-size:1.2rem;color:{colour}'>{value(status, ctx.lang)} "
                         f"{len(groups[status])}</b><br><span style='font-size:0.95rem'>{names}</span></div>")
        return f"<div style='display:flex;gap:1rem;margin-bottom:0.5rem'>{''.join(boxes)}</div>"

    boxes = memo(towns, ("status_boxes", ctx.lang, label), build)
    if boxes:
        st.markdown(boxes, unsafe_allow_html=True)
