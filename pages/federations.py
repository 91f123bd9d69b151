"""工会联合会: village, park, industry, regional and building federations by town, against targets."""
from __future__ import annotations

import streamlit as st

from ui.data import view
from ui.figures import cards, chart, figure
from ui.page import open_page
from ui.tables import show_table
from unionboard.summary import fmt_int

ctx, (res,) = open_page("page_federations", "federations")
total = res.total
cards(ctx, [("kpi_federations", fmt_int(total["联合会合计"])),
            ("kpi_village_park", fmt_int(total["村(园区)工会联合会数"]), "村(园区)工会联合会数"),
            ("kpi_cadres", fmt_int(total["专职干部人数"])), ("kpi_units_covered", fmt_int(total["覆盖单位数"]), "覆盖单位数")])
st.subheader(ctx.t("feds_chart"))
chart(figure(ctx, res, "federations_by_kind"), "federations_chart")
show_table(ctx, res, "federations", progress={"村(园区)工会联合会数完成率(%)": 100.0, "楼宇工会联合会数完成率(%)": 100.0})
lst = view(ctx, "federation-list")
if lst is not None:
    st.subheader(ctx.t("with_count", title=ctx.t("feds_list"), n=f"{len(lst.df):,}"))
    show_table(ctx, lst, "federation_list", height=420)
