"""街镇进度: completion by town against 序时进度, the ranking, every town's figures, and drill-down into a town."""
from __future__ import annotations

import streamlit as st

from ui.data import view
from ui.figures import chart, figure, status_boxes
from ui.page import no_target_note, open_page, town_links
from ui.tables import show_derived, show_table
from unionboard.summary import ranking

COMPLETIONS = {"新建会单位数完成率(%)": 100.0, "新发展会员数完成率(%)": 100.0}  # drawn as bars up to 100%


def open_town(town: str | None) -> None:
    """(issue 24) Open a town's own page (pages/town.py): the town filter (bound to the URL) becomes that town, in a
    callback, before any widget of the next run exists."""
    if town:
        st.session_state["town"] = [town]
        st.session_state["towns_go"] = True


def open_clicked_town() -> None:
    """A bar of the chart clicked: open its town's page."""
    event = st.session_state.get("towns_chart")
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", []) or []
    open_town((points[0].get("x") or points[0].get("customdata")) if points else None)


if st.session_state.pop("towns_go", False):
    st.switch_page("pages/town.py")
ctx, (towns,) = open_page("page_towns", "towns")
if towns.df["新建会单位数目标"].isna().all():
    st.info(ctx.t("no_targets"))
else:
    no_target_note(ctx, towns)
st.subheader(ctx.t("towns_chart"))
chart(figure(ctx, towns, "town_progress"), "towns_chart", on_select=open_clicked_town, selection_mode="points")
st.subheader(ctx.t("towns_ranking"))
status_boxes(ctx, towns)
st.caption(ctx.t("towns_ranking_help"))
show_derived(ctx, towns, ranking, "towns_ranking", progress=COMPLETIONS)
st.subheader(ctx.t("towns_table"))
show_table(ctx, towns, "towns", progress=COMPLETIONS)
rates = view(ctx, "town-rates")
if rates is not None:
    st.subheader(ctx.t("key_rates"))
    show_table(ctx, rates, "town_rates")
# issue 24: the drill-down into a town is that town's own progress page (pages/town.py): a click on a bar, or the
# town picked here, opens it; above it, how many areas of each town are 达标 / 预警 / 滞后 / 无目标 (area-status)
names = list(towns.rows["街镇"])
area_status = view(ctx, "area-status")
if area_status is not None:
    st.subheader(ctx.t("towns_area_status"))
    show_table(ctx, area_status, "towns_area_status", height=38 + 35 * len(area_status.df))
    st.caption(ctx.t("towns_area_status_help"))
    st.markdown(town_links(ctx, list(area_status.rows["街镇"])), unsafe_allow_html=True)
st.selectbox(ctx.t("drill"), ["", *names], key="towns_drill", format_func=lambda v: v or ctx.t("drill_none"),
             on_change=lambda: open_town(st.session_state.get("towns_drill")))
