"""名册核对: what each town's new report changed that no event explains (不断线、会员不流失) — counts by town
and kind, and the units with both reports' values side by side."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.charts import FINDINGS
from unionboard.views import EN_COLUMNS

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_changes")
if shell.need_data(ctx):
    counts = shell.view(ctx, "changes-by-town")
    if counts is not None:
        shell.caption(ctx, counts)
        st.caption(t("chg_intro", lang))
        total = shell.row(counts, "街镇", "合计")
        checked = int(counts.df["合计"].iloc[:-1].notna().sum())
        c = st.columns(len(FINDINGS) + 1)
        c[0].metric(t("chg_checked", lang), f"{checked}", border=True, help=shell.definition("核对情况", lang))
        for col, finding in zip(c[1:], FINDINGS, strict=True):
            value = total[finding]
            col.metric(finding if lang != "en" else EN_COLUMNS.get(finding, finding), "—" if value is None or value != value
                       else f"{int(value):,}", border=True, help=shell.definition(finding, lang))
        found = total["合计"] if total["合计"] == total["合计"] else 0
        if found:
            st.subheader(t("chg_chart", lang))
            shell.chart(shell.figure(ctx, counts, "findings_by_town"), "changes_chart")
        else:
            st.success(t("chg_none", lang))
        st.subheader(t("chg_table", lang))
        shell.show_table(ctx, counts, "changes_by_town")
        units = shell.view(ctx, "changes")
        if units is not None:
            st.subheader(t("chg_list", lang) + f"（{len(units.df):,}）")
            shell.show_table(ctx, units, "changes", height=520)
