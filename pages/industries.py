"""行业与两新: coverage and membership by industry and by 两新组织; key units still without a union."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_industries")
if shell.need_data(ctx):
    ind = shell.view(ctx, "industries")
    two = shell.view(ctx, "two-new")
    if ind is not None and two is not None:
        shell.caption(ctx, ind)
        left, right = st.columns([3, 2])
        with left:
            st.subheader(t("by_industry", lang))
            shell.chart(shell.figure(ctx, ind, "coverage_bars", "行业类别"), "industries_chart")
        with right:
            st.subheader(t("by_two_new", lang))
            shell.chart(shell.figure(ctx, two, "coverage_bars", "两新组织"), "two_new_chart")
        st.subheader(t("by_industry", lang))
        shell.show_table(ctx, ind, "industries")
        st.subheader(t("by_two_new", lang))
        shell.show_table(ctx, two, "two_new")
        f500 = shell.view(ctx, "fortune500")
        if f500 is not None:
            st.subheader(t("by_fortune500", lang))
            shell.show_table(ctx, f500, "fortune500")
        types = shell.view(ctx, "unit-types")
        if types is not None:
            st.subheader(t("by_type", lang))
            shell.show_table(ctx, types, "unit_types")
        counts = shell.view(ctx, "key-uncovered-by-town")
        if counts is not None:
            total = int(shell.row(counts, "街镇", "合计")["未建会单位数"])
            st.subheader(t("key_uncovered", lang) + f"（{total:,}）")
            shell.show_unit_list(ctx, "key-uncovered", total, "key_uncovered", height=420)
