"""队伍建设: training sessions and trainees by town and audience; chairs trained against federations."""
from __future__ import annotations

import streamlit as st

from ui.figures import cards, chart, figure
from ui.page import open_page
from ui.tables import show_table
from unionboard.summary import fmt_int, fmt_pct

ctx, (res, sessions) = open_page("page_training", "training", "training-sessions")
total = res.total
cards(ctx, [("sessions", fmt_int(total["培训班次"]), "培训班次"), ("kpi_trainees", fmt_int(total["参训人数"])),
            ("kpi_chairs", fmt_int(total["村(园区)工会主席"])),
            ("kpi_chairs_trained", fmt_pct(total["村(园区)工会主席培训覆盖率(%)"]), "村(园区)工会主席培训覆盖率(%)")])
left, right = st.columns(2)
with left:
    st.subheader(ctx.t("train_chart"))
    chart(figure(ctx, res, "training_by_audience"), "training_chart")
with right:
    st.subheader(ctx.t("chairs_chart"))
    chart(figure(ctx, res, "chairs_vs_federations"), "chairs_chart")
show_table(ctx, res, "training")
st.subheader(ctx.t("with_count", title=ctx.t("sessions"), n=f"{len(sessions.df):,}"))
show_table(ctx, sessions, "training_sessions", height=380)
