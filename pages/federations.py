"""工会联合会: village, park, industry, regional and building federations by town, against targets."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_federations")
if shell.need_data(ctx):
    res = shell.view(ctx, "federations")
    if res is not None:
        shell.caption(ctx, res)
        total = res.df.iloc[-1]
        c = st.columns(4)
        c[0].metric("工会联合会" if lang != "en" else "Federations", f"{int(total['联合会合计']):,}", border=True)
        c[1].metric("村(园区)工会联合会" if lang != "en" else "Village/park", f"{int(total['村(园区)工会联合会数']):,}",
                    help=shell.definition("村(园区)工会联合会数", lang), border=True)
        c[2].metric("专职干部" if lang != "en" else "Full-time cadres", f"{int(total['专职干部人数']):,}", border=True)
        c[3].metric("覆盖单位" if lang != "en" else "Units covered", f"{int(total['覆盖单位数']):,}",
                    help=shell.definition("覆盖单位数", lang), border=True)
        st.subheader(t("feds_chart", lang))
        shell.chart(shell.figure(ctx, res, "federations_by_kind"), "federations_chart")
        shell.show_table(ctx, res, "federations",
                         progress={"村(园区)工会联合会数完成率(%)": 100.0, "楼宇工会联合会数完成率(%)": 100.0})
        lst = shell.view(ctx, "federation-list")
        if lst is not None:
            st.subheader(t("feds_list", lang) + f"（{len(lst.df):,}）")
            shell.show_table(ctx, lst, "federation_list", height=420)
