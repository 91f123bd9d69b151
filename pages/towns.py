"""街镇进度: completion by town against 序时进度, ranking, and drill-down into a town."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_towns")
if shell.need_data(ctx):
    towns = shell.view(ctx, "towns")
    if towns is not None:
        shell.caption(ctx, towns)
        if towns.df["新建会单位数目标"].isna().all():
            st.info(t("no_targets", lang))
        else:
            shell.no_target_note(ctx, towns)
        st.subheader(t("towns_chart", lang))
        event = shell.chart(shell.figure(ctx, towns, "town_progress"), "towns_chart", on_select="rerun",
                            selection_mode="points")
        picked = None
        points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
            getattr(getattr(event, "selection", None), "points", []) or []
        if points:
            picked = points[0].get("x") or points[0].get("customdata")
        st.subheader(t("towns_ranking", lang))
        shell.status_boxes(towns.df, lang)
        shell.show_table(ctx, towns, "towns",
                         progress={"新建会单位数完成率(%)": 100.0, "新发展会员数完成率(%)": 100.0})
        rates = shell.view(ctx, "town-rates")
        if rates is not None:
            st.subheader(t("key_rates", lang))
            shell.show_table(ctx, rates, "town_rates")
        names = list(shell.rows_without(towns, "街镇", "合计")["街镇"])
        if picked in names and st.session_state.get("towns_drill") != picked:
            st.session_state["towns_drill"] = picked
        drill = st.selectbox(t("drill", lang), ["", *names], key="towns_drill",
                             format_func=lambda v: v or t("drill_none", lang))
        if drill:
            sub = shell.Ctx(**{**ctx.__dict__, "towns": [drill]})
            areas = shell.view(sub, "areas")
            feds = shell.view(sub, "federation-list")
            if areas is not None:
                st.subheader(t("drill_areas", lang, town=drill))
                shell.show_table(sub, areas, "towns_areas", height=420)
            if feds is not None:
                st.subheader(t("drill_feds", lang, town=drill))
                shell.show_table(sub, feds, "towns_feds", height=360)
