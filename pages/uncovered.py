"""未建会清单: active units without a union, largest first, 25+ flagged — the list towns work from."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_uncovered")
if shell.need_data(ctx):
    # the figures and the chart come from the counts per town; the list is read a page at a time
    counts = shell.view(ctx, "uncovered-by-town")
    if counts is not None:
        shell.caption(ctx, counts)
        total = shell.row(counts, "街镇", "合计")
        c = st.columns(3)
        c[0].metric(t("uncovered_kpi", lang), f"{total['未建会单位数']:,}", border=True,
                    help=shell.definition("未建会单位数", lang))
        c[1].metric(t("uncovered_25", lang), f"{total['25人以上']:,}", border=True,
                    help=shell.definition("25人以上单位建会率(%)", lang))
        c[2].metric(t("uncovered_emp", lang), f"{total['涉及职工人数']:,}", border=True,
                    help=shell.definition("涉及职工人数", lang))
        if total["未建会单位数"]:
            st.subheader(t("uncovered_chart", lang))
            shell.chart(shell.figure(ctx, counts, "uncovered_by_town"), "uncovered_chart")
        shell.show_unit_list(ctx, "uncovered", int(total["未建会单位数"]), "uncovered")
