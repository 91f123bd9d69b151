"""报送进度: has every town sent its monthly report, on time? The town × month matrix, the latest month's
counts, the due day (管理员 may change it) and every report received."""
from __future__ import annotations

import streamlit as st

from ui.auth import acting_user
from ui.data import memo, setting
from ui.figures import chart, figure
from ui.page import open_page
from ui.review import reminder, review_counts
from ui.tables import show_table
from unionboard.importer import set_setting
from unionboard.summary import reminder_text, reporting_line

ctx, (sub,) = open_page("page_submissions", "submissions")


def save_due_days(days: int) -> None:
    """保存报送期限 (a button callback, so it survives the navigation's rerun); the account is checked
    again now — a 管理员 only (issue 28)."""
    user = acting_user(ctx, lambda u: u.can_import)
    if user is None:
        return
    set_setting(ctx.db, "due_days", str(days), user=user.name, lang=ctx.lang)
    st.toast(ctx.t("sub_due_saved", days=days))


line = memo(sub, ("line", ctx.lang), lambda: reporting_line(sub.df, ctx.lang))
if line:
    st.info(line, icon=":material/outgoing_mail:")
latest_date = max(sub.df["报表日期"])
counts = memo(sub, ("latest",), lambda: sub.df.loc[sub.df["报表日期"] == latest_date, "报送状态"].value_counts())
st.subheader(ctx.t("sub_latest", date=latest_date.isoformat()))
c = st.columns(4)
for col, (status, key) in zip(c, (("按时", "sub_on_time"), ("逾期", "sub_late"), ("未报送", "sub_missing"), ("待报", "sub_pending")),
                              strict=True):
    col.metric(ctx.t(key), f"{int(counts.get(status, 0))}", border=True, help=ctx.define("报送状态"))
days = setting(ctx, "due_days")
st.caption(ctx.t("sub_due", days=days))
review_counts(ctx, sub.df)  # issue 25: reports waiting for review or returned
if ctx.can_import:
    with st.expander(ctx.t("sub_due_set")):
        new = st.number_input(ctx.t("sub_due_set"), min_value=0, max_value=60, value=int(days), step=1,
                              key="submissions_due_days")
        st.button(ctx.t("sub_due_save"), key="submissions_due_save", on_click=save_due_days, args=(int(new),))
st.subheader(ctx.t("sub_matrix"))
chart(figure(ctx, sub, "submissions_matrix"), "submissions_chart")
st.subheader(ctx.t("sub_table"))
show_table(ctx, sub, "submissions", height=420)
# issue 25: 催报 — the towns not reported or returned, ready to paste (copy button) or download
reminder(ctx, memo(sub, ("reminder", ctx.lang), lambda: reminder_text(sub.df, sub.resolved.today, ctx.lang)),
         sub.resolved.snapshot.isoformat())
