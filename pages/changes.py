"""名册核对: what each town's new report changed that no event explains (不断线、会员不流失) — counts by town
and kind, and the units with both reports' values side by side."""
from __future__ import annotations

import streamlit as st

from ui.data import view
from ui.figures import chart, figure
from ui.page import open_page
from ui.tables import show_table
from unionboard.summary import FINDINGS, fmt_int

ctx, (counts,) = open_page("page_changes", "changes-by-town")
st.caption(ctx.t("chg_intro"))
total = counts.total
c = st.columns(len(FINDINGS) + 1)
c[0].metric(ctx.t("chg_checked"), f"{int(counts.rows['合计'].notna().sum())}", border=True, help=ctx.define("核对情况"))
for col, finding in zip(c[1:], FINDINGS, strict=True):
    col.metric(ctx.label(finding), fmt_int(total[finding]), border=True, help=ctx.define(finding))
if total["合计"] == total["合计"] and total["合计"]:  # issue 25: how many the towns have explained
    st.caption(f"{ctx.label('待说明')} {fmt_int(total['待说明'])} · {ctx.label('已说明')} {fmt_int(total['已说明'])}",
               help=ctx.define("说明状态"))
if total["合计"] == total["合计"] and total["合计"]:
    st.subheader(ctx.t("chg_chart"))
    chart(figure(ctx, counts, "findings_by_town"), "changes_chart")
else:
    st.success(ctx.t("chg_none"))
st.subheader(ctx.t("chg_table"))
show_table(ctx, counts, "changes_by_town")
units = view(ctx, "changes")
if units is not None:
    st.subheader(ctx.t("with_count", title=ctx.t("chg_list"), n=f"{len(units.df):,}"))
    show_table(ctx, units, "changes", height=520)
