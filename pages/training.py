"""队伍建设: training sessions and trainees by town and audience; chairs trained against federations."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.summary import fmt_int, fmt_pct

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_training")
if shell.need_data(ctx):
    res = shell.view(ctx, "training")
    sessions = shell.view(ctx, "training-sessions")
    if res is not None and sessions is not None:
        shell.caption(ctx, res)
        total = res.df.iloc[-1]
        c = st.columns(4)
        c[0].metric(t("sessions", lang), fmt_int(total["培训班次"]), help=shell.definition("培训班次", lang), border=True)
        c[1].metric("参训人数" if lang != "en" else "Trainees", fmt_int(total["参训人数"]), border=True)
        c[2].metric("村(园区)工会主席" if lang != "en" else "Village/park chairs", fmt_int(total["村(园区)工会主席"]),
                    border=True)
        c[3].metric("主席培训覆盖率" if lang != "en" else "Chairs trained", fmt_pct(total["村(园区)工会主席培训覆盖率(%)"]),
                    help=shell.definition("村(园区)工会主席培训覆盖率(%)", lang), border=True)
        rows = shell.rows_without(res, "街镇", "合计")
        left, right = st.columns(2)
        with left:
            st.subheader(t("train_chart", lang))
            shell.chart(shell.figure(ctx, res, "training_by_audience"), "training_chart")
        with right:
            st.subheader(t("chairs_chart", lang))
            shell.chart(shell.figure(ctx, res, "chairs_vs_federations"), "chairs_chart")
        shell.show_table(ctx, res, "training")
        st.subheader(t("sessions", lang) + f"（{len(sessions.df):,}）")
        shell.show_table(ctx, sessions, "training_sessions", height=380)
