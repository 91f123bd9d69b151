"""未建会清单: active units without a union, largest first, 25+ flagged — the list towns work from."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_uncovered")
if shell.need_data(ctx):
    res = shell.view(ctx, "uncovered")
    if res is not None:
        shell.caption(ctx, res)
        df = res.df
        big = df["25人以上"] == "是"
        c = st.columns(3)
        c[0].metric(t("uncovered_kpi", lang), f"{len(df):,}", border=True)
        c[1].metric(t("uncovered_25", lang), f"{int(big.sum()):,}", border=True,
                    help=shell.definition("25人以上单位建会率(%)", lang))
        c[2].metric(t("uncovered_emp", lang), f"{int(df['职工人数'].sum()):,}", border=True)
        if len(df):
            st.subheader(t("uncovered_chart", lang))
            shell.chart(shell.figure(ctx, res, "uncovered_by_town", tuple(ctx.towns_all)), "uncovered_chart")

        shell.show_table(ctx, res, "uncovered", height=560)
