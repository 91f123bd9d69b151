"""未建会清单: active units without a union, largest first, 25+ flagged — the list towns work from."""
from __future__ import annotations

import streamlit as st

from ui.figures import cards, chart, figure
from ui.page import open_page
from ui.tables import show_unit_list
from unionboard.summary import fmt_int

# the figures and the chart come from the counts per town; the list is read a page at a time
ctx, (counts,) = open_page("page_uncovered", "uncovered-by-town")
total = counts.total
cards(ctx, [("uncovered_kpi", fmt_int(total["未建会单位数"]), "未建会单位数"),
            ("uncovered_25", fmt_int(total["25人以上"]), "25人以上单位建会率(%)"),
            ("uncovered_emp", fmt_int(total["涉及职工人数"]), "涉及职工人数")])
if total["未建会单位数"]:
    st.subheader(ctx.t("uncovered_chart"))
    chart(figure(ctx, counts, "uncovered_by_town"), "uncovered_chart")
show_unit_list(ctx, "uncovered", int(total["未建会单位数"]), "uncovered")
