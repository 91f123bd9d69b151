"""商务楼宇: coverage per building; which buildings have a 楼宇工会联合会 and which do not."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.summary import fmt_pct

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_buildings")
if shell.need_data(ctx):
    res = shell.view(ctx, "buildings")
    if res is not None:
        shell.caption(ctx, res)
        rows = shell.rows_without(res, "街镇", "合计")
        total = res.df.iloc[-1]
        with_fed = int((rows["楼宇工会联合会"] == "已成立").sum())
        c = st.columns(4)
        c[0].metric("楼宇数" if lang != "en" else "Buildings", f"{len(rows):,}", border=True)
        c[1].metric("已成立楼宇工会联合会" if lang != "en" else "With building federation", f"{with_fed:,}",
                    help=shell.definition("楼宇工会联合会", lang), border=True)
        c[2].metric("入驻在营单位" if lang != "en" else "Active units", f"{int(total['在营单位数']):,}", border=True)
        c[3].metric("楼宇建会率" if lang != "en" else "Coverage", fmt_pct(total["建会率(%)"]),
                    help=shell.definition("建会率(%)", lang), border=True)
        if rows.empty:
            st.info("所选街镇没有登记商务楼宇。" if lang != "en" else "No buildings registered for the selected towns.")
        else:
            st.subheader(t("buildings_chart", lang))
            shell.chart(shell.figure(ctx, res, "building_coverage"), "buildings_chart")
            without = rows[rows["楼宇工会联合会"] != "已成立"]
            st.subheader(t("buildings_without", lang) + f"（{len(without)}）")
            st.markdown("、".join(f"**{b}**（{town}）" for town, b in zip(without["街镇"], without["楼宇名称"], strict=True))
                        or "—")
        shell.show_table(ctx, res, "buildings", height=520)
