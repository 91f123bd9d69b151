"""总览: district KPIs against targets, 序时进度 and 双过半, trend, and a written summary."""
from __future__ import annotations

import html

import streamlit as st

from ui.data import memo, view
from ui.downloads import document_downloads
from ui.figures import CARDS_KEY, chart, figure, status_boxes
from ui.page import no_target_note, open_page
from ui.scopes import overview_line
from ui.tables import show_table
from unionboard.i18n import join  # issue 22
from unionboard.summary import briefing, change_text, changes_of, double_half, findings_count, fmt_int, fmt_pct, reporting_line

ctx, (towns, trend) = open_page("page_overview", "towns", "trend")
total = towns.total
now = memo(trend, ("last",), lambda: trend.df.iloc[0].to_dict())  # the as-of date (newest first): 环比, 同比


def delta(field: str) -> str | None:
    """环比 as the card's delta (from the trend view)."""
    month, _, points = changes_of(field)
    return change_text(now.get(month), points)


def yoy(field: str) -> str:
    """同比, with the report date compared with, for the line under the card."""
    _, year, points = changes_of(field)
    value = change_text(now.get(year), points)
    if value is None:
        return ctx.t("yoy_none")
    return ctx.t("yoy", value=value, date=now["同比报表日期"].isoformat())


if not total["在营单位数"]:
    st.info(ctx.t("empty_selection"))
row1 = st.container(key=CARDS_KEY).columns(6)  # three a row on a narrow screen (ui.figures.ROOM_CSS)
cards = [("kpi_active", "在营单位数", fmt_int), ("kpi_unionised", "已建会单位数", fmt_int), ("kpi_coverage", "建会率(%)", fmt_pct),
         ("kpi_members", "会员人数", fmt_int), ("kpi_membership", "入会率(%)", fmt_pct), ("kpi_migrant", "农民工入会率(%)", fmt_pct)]
for col, (key, field, fmt) in zip(row1, cards, strict=True):
    # grey deltas: green, amber and red mean 达标, 预警 and 滞后 only
    col.metric(ctx.t(key), fmt(total[field]), delta(field), help=ctx.define(field), border=True,
               delta_description=ctx.t("vs_prev"), delta_color="off")
    col.caption(yoy(field))
row2 = st.columns([1, 1, 1, 1])
counts = [("kpi_new_unions", "新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)"),
          ("kpi_new_members", "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)")]
for col, (key, field, target_field, done_field) in zip(row2[:2], counts, strict=True):
    target = total[target_field]
    extra = (ctx.t("kpi_target_line", target=fmt_int(target), done=fmt_pct(total[done_field]))
             if target is not None and target == target else ctx.t("no_target_short"))
    col.metric(ctx.t(key), fmt_int(total[field]), delta(field), help=ctx.define(field), border=True,
               delta_description=ctx.t("vs_prev"), delta_color="off")
    col.caption(f"{extra} · {yoy(field)}")
row2[2].metric(ctx.t("schedule"), fmt_pct(total["序时进度(%)"]), help=ctx.define("序时进度(%)"), border=True)
dh = memo(towns, ("double_half",), lambda: double_half(towns))
row2[3].metric(ctx.t("double_half"), dh.short(ctx.lang), help=ctx.define("双过半"), border=True)
row2[3].caption(ctx.t("dh_caption", units=fmt_pct(dh.new_unions_done), members=fmt_pct(dh.new_members_done)))
if total["新建会单位数目标"] is None or total["新建会单位数目标"] != total["新建会单位数目标"]:
    st.info(ctx.t("no_targets"))
else:
    no_target_note(ctx, towns)
sub = view(ctx, "submissions")
if sub is not None:
    line = memo(sub, ("line", ctx.lang), lambda: reporting_line(sub.df, ctx.lang))
    if line:
        a, b = st.columns([5, 1], vertical_alignment="center")
        a.info(line, icon=":material/outgoing_mail:")
        b.page_link("pages/submissions.py", label=ctx.t("sub_link"), icon=":material/arrow_forward:")
checks = view(ctx.for_towns([]), "changes-by-town", notice=False)  # the district's, shared by every selection
if checks is not None:
    found = memo(checks, ("found", tuple(ctx.towns)), lambda: findings_count(checks, ctx.towns))
    if found:  # one click to the units that need a look
        a, b = st.columns([5, 1], vertical_alignment="center")
        # issue 22: a 街镇 account's roster check counts its own town only, and says so
        a.info(ctx.t("own_town_changes", n=f"{int(found):,}", town=join(ctx.unit_towns, ctx.lang)) if ctx.unit_towns
               else ctx.t("chg_link", n=f"{int(found):,}"), icon=":material/fact_check:")
        b.page_link("pages/changes.py", label=ctx.t("chg_go"), icon=":material/arrow_forward:")
status_boxes(ctx, towns)
overview_line(ctx)  # issue 27: the scopes behind schedule
st.subheader(ctx.t("summary"))
document_downloads(ctx, towns)
summary = memo(towns, ("briefing", ctx.lang), lambda: briefing(towns, ctx.lang))
st.markdown(f"<div style='font-size:1.15rem;line-height:1.9;background:#F1F4F8;padding:14px 18px;"
            f"border-radius:6px'>{html.escape(summary)}</div>", unsafe_allow_html=True)
left, right = st.columns(2)
with left:
    st.subheader(ctx.t("trend_progress"))
    chart(figure(ctx, trend, "trend_progress_year", towns.resolved.year), "overview_trend_progress")
with right:
    st.subheader(ctx.t("trend_rates"))
    chart(figure(ctx, trend, "trend_rates"), "overview_trend_rates")
show_table(ctx, trend, "overview_trend")
