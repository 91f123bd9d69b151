"""Targets with a 范围 on the pages (issue 27): each scope against its targets on 行业与两新, the buildings as a
whole on 商务楼宇, the line naming the scopes behind on 总览 and the meeting slide. The numbers are the views'
(unionboard.scopes gathers them)."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui.context import Ctx
from ui.data import memo, view
from ui.figures import chart
from unionboard import charts
from unionboard.i18n import COUNT, PCT, POINTS, column, definition, label, value
from unionboard.scopes import SCOPE_SOURCE_VIEWS, scope_table, shortfall_line
from unionboard.status import GREEN, GREY, RED, colour_of
from unionboard.summary import fmt_int, fmt_pct, schedule_of
from unionboard.views import ViewResult


def scopes(ctx: Ctx) -> tuple[ViewResult | None, pd.DataFrame]:
    """The scopes with a target for the current filters (unionboard.scopes.scope_table), kept with the industries
    view's result (the four views share its data version and filters); (None, empty) when it cannot be had."""
    anchor = view(ctx, "industries", notice=False)
    if anchor is None:
        return None, pd.DataFrame()
    results = {name: (anchor if name == "industries" else view(ctx, name, notice=False)) for name in SCOPE_SOURCE_VIEWS}
    return anchor, memo(anchor, ("scope_table",), lambda: scope_table(results))


def show_scope_progress(ctx: Ctx) -> None:
    """行业与两新: the chart of each scope against its targets, the line naming those behind, and the scopes'
    table (figures, targets, completions and gaps); a note when the year has no scoped targets."""
    anchor, table = scopes(ctx)
    if anchor is None:
        return
    st.subheader(ctx.t("scope_chart"))
    if table.empty:
        st.info(ctx.t("scope_none"))
        return
    line = memo(anchor, ("scope_line", ctx.lang), lambda: shortfall_line(table, ctx.lang))
    if line:
        st.markdown(f"<div style='font-size:1.05rem;margin-bottom:0.4rem'>{html.escape(line)}</div>",
                    unsafe_allow_html=True)
    fig = memo(anchor, ("scope_figure", ctx.lang), lambda: charts.scope_targets(table, ctx.lang))
    chart(fig, "scope_targets_chart")
    # the scopes' figures, targets, completions and gaps (columns no scope has a value in left out), as text:
    # an empty cell is empty, never 「None」
    filled = table.dropna(axis=1, how="all")
    shown = memo(anchor, ("scope_cells", ctx.lang), lambda: _cells(filled, ctx.lang))
    st.dataframe(shown, hide_index=True, width="stretch", key="scope_targets_table",
                 column_config={label(c, ctx.lang): st.column_config.TextColumn(label(c, ctx.lang), help=definition(c, ctx.lang))
                                for c in filled.columns})


def _cells(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scopes' table as its cells read: counts 1,234, rates 12.34%, gaps +1.23, empty cells empty; headers
    and values in `lang`."""
    out = pd.DataFrame(index=table.index)
    for col in table.columns:
        fmt = column(col).fmt
        vals = table[col]
        if fmt == PCT:
            out[col] = [fmt_pct(v) if pd.notna(v) else "" for v in vals]
        elif fmt == POINTS:
            out[col] = [f"{v:+.2f}" if pd.notna(v) else "" for v in vals]
        elif fmt == COUNT:
            out[col] = [fmt_int(v) if pd.notna(v) else "" for v in vals]
        else:
            out[col] = [value(v, lang) if isinstance(v, str) else "" for v in vals]
    return out.rename(columns={c: label(c, lang) for c in out.columns})


def meeting_slide(ctx: Ctx) -> None:
    """会议模式: each scope against its targets, in large type (the line naming those behind, then the chart)."""
    anchor, table = scopes(ctx)
    if anchor is None:
        return
    if table.empty:
        st.markdown(f"<div class='ub-big'>{html.escape(ctx.t('scope_none'))}</div>", unsafe_allow_html=True)
        return
    line = memo(anchor, ("scope_line", ctx.lang), lambda: shortfall_line(table, ctx.lang))
    st.markdown(f"<div class='ub-big' style='font-size:1.7rem'>{html.escape(line)}</div>", unsafe_allow_html=True)
    fig = memo(anchor, ("scope_figure_big", ctx.lang), lambda: charts.scope_targets(table, ctx.lang, big=True))
    chart(fig, "meeting_scopes_chart", toolbar=False)


def overview_line(ctx: Ctx) -> None:
    """总览: one line naming the scopes behind schedule and the rates below target, with a link to 行业与两新."""
    anchor, table = scopes(ctx)
    if anchor is None or table.empty:
        return
    line = memo(anchor, ("scope_line", ctx.lang), lambda: shortfall_line(table, ctx.lang))
    a, b = st.columns([5, 1], vertical_alignment="center")
    a.info(line, icon=":material/flag:")
    b.page_link("pages/industries.py", label=ctx.t("scope_link"), icon=":material/arrow_forward:")


def _box(title: str, shown: str, detail: str, colour: str) -> str:
    """One box of the buildings' targets: its title, the figure and what it is measured against."""
    return (f"<div style='flex:1;border-left:8px solid {colour};padding:6px 12px;background:#F7F9FC'>"
            f"<div style='font-size:0.95rem;color:#37474F'>{html.escape(title)}</div>"
            f"<div style='font-size:1.6rem;font-weight:700;color:{colour}'>{html.escape(shown)}</div>"
            f"<div style='font-size:0.9rem'>{html.escape(detail)}</div></div>")


def building_targets(ctx: Ctx, buildings: ViewResult) -> None:
    """商务楼宇: how the buildings as a whole stand against the 商务楼宇 scope's targets (the buildings view's 合计),
    beside the 楼宇工会联合会 count against its target (the federations view's 合计), in the status colours."""
    total = buildings.total or {}
    feds, towns = view(ctx, "federations", notice=False), view(ctx, "towns", notice=False)
    fed_total = (feds.total or {}) if feds is not None else {}

    def build() -> str | None:
        boxes = []
        # 0 without one, as schedule_of (None would fail status_of's comparison)
        schedule: float = schedule_of(towns.rows) if towns is not None else (total.get("序时进度(%)") or 0.0)
        for actual, target, done, key in (("新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)", "kpi_new_unions"),
                                          ("新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "kpi_new_members")):
            if pd.notna(total.get(target)):
                boxes.append(_box(ctx.t("bld_scope_count", what=ctx.t(key)), fmt_int(total[actual]),
                                  ctx.t("bld_count_detail", target=fmt_int(total[target]), done=fmt_pct(total[done]),
                                        schedule=fmt_pct(schedule)), colour_of(total[done], schedule)))
        for actual, target, gap, key in (("建会率(%)", "建会率目标(%)", "建会率差距(百分点)", "kpi_coverage"),
                                         ("入会率(%)", "入会率目标(%)", "入会率差距(百分点)", "kpi_membership")):
            if pd.notna(total.get(target)):
                boxes.append(_box(ctx.t("bld_scope_rate", what=ctx.t(key)), fmt_pct(total[actual]),
                                  ctx.t("bld_rate_detail", target=fmt_pct(total[target]), gap=f"{total[gap]:+.2f}"),
                                  GREEN if total[gap] >= 0 else RED))
        fed_target = fed_total.get("楼宇工会联合会数目标")
        if boxes or pd.notna(fed_target):
            if pd.notna(fed_target):
                fed_done = fed_total.get("楼宇工会联合会数完成率(%)")
                boxes.append(_box(ctx.t("bld_feds"), fmt_int(fed_total.get("楼宇工会联合会")),
                                  ctx.t("bld_count_detail", target=fmt_int(fed_target), done=fmt_pct(fed_done),
                                        schedule=fmt_pct(schedule)),
                                  colour_of(fed_done, schedule)))
            else:
                boxes.append(_box(ctx.t("bld_feds"), fmt_int(fed_total.get("楼宇工会联合会")), ctx.t("no_target_short"),
                                  GREY))
        if not boxes:
            return None
        return f"<div style='display:flex;gap:1rem;margin-bottom:0.5rem'>{''.join(boxes)}</div>"

    if "进度状态" not in buildings.df.columns:
        return
    boxes = memo(buildings, ("building_targets", ctx.lang), build)
    st.subheader(ctx.t("bld_targets"))
    if boxes:
        st.markdown(boxes, unsafe_allow_html=True)
    else:
        st.info(ctx.t("scope_none"))
