"""企业动态: openings, closures and moves by month and town; unions transferred vs dissolved; follow-up list."""
from __future__ import annotations

import streamlit as st

from ui.figures import cards, chart, figure
from ui.page import open_page
from ui.tables import show_table
from unionboard.summary import fmt_int, fmt_pct

ctx, (res, follow) = open_page("page_dynamics", "dynamics", "followup")
total = res.total
cards(ctx, [("kpi_opened", fmt_int(total["新开业"])), ("kpi_closed_moved", f"{fmt_int(total['关闭'])} / {fmt_int(total['迁出'])}"),
            ("transferred", fmt_int(total["转移接续"])), ("dissolved", fmt_int(total["撤销工会"])),
            ("transfer_rate", fmt_pct(total["会员转接率(%)"]), "会员转接率(%)")])
if res.rows.empty:
    st.info(ctx.t("dyn_none"))
else:
    st.subheader(ctx.t("dyn_chart"))
    chart(figure(ctx, res, "dynamics_monthly"), "dynamics_chart")
st.subheader(ctx.t("dyn_table"))
show_table(ctx, res, "dynamics", height=420)
lost = int(follow.df["未转接会员数"].sum()) if len(follow.df) else 0
st.subheader(ctx.t("followup", n=f"{len(follow.df):,}", lost=f"{lost:,}"))
show_table(ctx, follow, "followup", height=420)
