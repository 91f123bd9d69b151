"""企业动态: openings, closures and moves by month and town; unions transferred vs dissolved; follow-up list."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.summary import fmt_int, fmt_pct

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_dynamics")
if shell.need_data(ctx):
    res = shell.view(ctx, "dynamics")
    follow = shell.view(ctx, "followup")
    if res is not None and follow is not None:
        shell.caption(ctx, res)
        total = res.df.iloc[-1]
        c = st.columns(5)
        c[0].metric("新开业" if lang != "en" else "Opened", fmt_int(total["新开业"]), border=True)
        c[1].metric("关闭 / 迁出" if lang != "en" else "Closed / moved out",
                    f"{fmt_int(total['关闭'])} / {fmt_int(total['迁出'])}", border=True)
        c[2].metric(t("transferred", lang), fmt_int(total["转移接续"]), border=True)
        c[3].metric(t("dissolved", lang), fmt_int(total["撤销工会"]), border=True)
        c[4].metric(t("transfer_rate", lang), fmt_pct(total["会员转接率(%)"]),
                    help=shell.definition("会员转接率(%)", lang), border=True)
        rows = shell.rows_without(res, "月份", "合计")
        if rows.empty:
            st.info("本年度尚无企业动态记录。" if lang != "en" else "No events this year yet.")
        else:
            st.subheader(t("dyn_chart", lang))
            shell.chart(shell.figure(ctx, res, "dynamics_monthly"), "dynamics_chart")
        st.subheader(t("dyn_table", lang))
        shell.show_table(ctx, res, "dynamics", height=420)
        lost = int(follow.df["未转接会员数"].sum()) if len(follow.df) else 0
        st.subheader(t("followup", lang) + f"（{len(follow.df):,}；{t('members_lost', lang)} {lost:,}）")
        shell.show_table(ctx, follow, "followup", height=420)
