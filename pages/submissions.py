"""报送进度: has every town sent its monthly report, on time? The town × month matrix, the latest month's
counts, the due day (管理员 may change it) and every report received."""
from __future__ import annotations

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.importer import get_setting, set_setting
from unionboard.summary import reporting_line

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_submissions")


def save_due_days(days: int) -> None:
    """保存报送期限 (a button callback, so it survives the navigation's rerun)."""
    set_setting(ctx.db, "due_days", str(days), user=ctx.user.name, lang=lang)
    st.toast(t("sub_due_saved", lang, days=days))
if shell.need_data(ctx):
    sub = shell.view(ctx, "submissions")
    if sub is not None:
        shell.caption(ctx, sub)
        line = shell.memo(sub, ("line", lang), lambda: reporting_line(sub.df, lang))
        if line:
            st.info(line, icon=":material/outgoing_mail:")
        latest = shell.memo(sub, ("latest",), lambda: sub.df[sub.df["报表日期"] == max(sub.df["报表日期"])])
        counts = latest["报送状态"].value_counts()
        st.subheader(t("sub_latest", lang, date=max(sub.df["报表日期"]).isoformat()))
        c = st.columns(4)
        for col, (status, key) in zip(c, (("按时", "sub_on_time"), ("逾期", "sub_late"), ("未报送", "sub_missing"),
                                          ("待报", "sub_pending")), strict=True):
            col.metric(t(key, lang), f"{int(counts.get(status, 0))}", border=True, help=shell.definition("报送状态", lang))
        days = get_setting(ctx.db, "due_days")
        st.caption(t("sub_due", lang, days=days))
        if ctx.can_import:
            with st.expander(t("sub_due_set", lang)):
                new = st.number_input(t("sub_due_set", lang), min_value=0, max_value=60, value=int(days), step=1,
                                      key="submissions_due_days")
                st.button(t("sub_due_save", lang), key="submissions_due_save", on_click=save_due_days, args=(int(new),))
        st.subheader(t("sub_matrix", lang))
        shell.chart(shell.figure(ctx, sub, "submissions_matrix"), "submissions_chart")
        st.subheader(t("sub_table", lang))
        shell.show_table(ctx, sub, "submissions", height=420)
