"""行业与两新: coverage and membership by industry and by 两新组织; key units still without a union."""
from __future__ import annotations

import streamlit as st

from ui.data import view
from ui.figures import chart, figure
from ui.page import open_page
from ui.scopes import show_scope_progress
from ui.tables import show_table, show_unit_list

ctx, (ind, two) = open_page("page_industries", "industries", "two-new")
left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("by_industry"))
    chart(figure(ctx, ind, "coverage_bars", "行业类别"), "industries_chart")
with right:
    st.subheader(ctx.t("by_two_new"))
    chart(figure(ctx, two, "coverage_bars", "两新组织"), "two_new_chart")
show_scope_progress(ctx)  # issue 27: each scope against its targets
st.subheader(ctx.t("by_industry"))
show_table(ctx, ind, "industries")
st.subheader(ctx.t("by_two_new"))
show_table(ctx, two, "two_new")
for name, title, key in (("fortune500", "by_fortune500", "fortune500"), ("unit-types", "by_type", "unit_types")):
    result = view(ctx, name)
    if result is not None:
        st.subheader(ctx.t(title))
        show_table(ctx, result, key)
counts = view(ctx, "key-uncovered-by-town")
if counts is not None:
    total = int(counts.total["未建会单位数"])
    st.subheader(ctx.t("with_count", title=ctx.t("key_uncovered"), n=f"{total:,}"))
    show_unit_list(ctx, "key-uncovered", total, "key_uncovered", height=420)
