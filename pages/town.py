"""(issue 24) A town's own progress page (街镇与村(园区)签约): its villages, communities and parks against the
targets the town signed with them — 完成率 against 序时进度, 进度状态, the same chart as the towns — and the whole
town (合计) against the sum of its area targets beside the target the district gave it (区下达目标).

The town is the one town of the town filter (`town?town=安亭镇`, as 街镇进度 links it); with none or several, a
街镇 account's own town, else the one picked here. A 街镇 account lands here for its own town (ui.page.setup).
"""
from __future__ import annotations

import streamlit as st

from ui.data import view
from ui.figures import cards, chart, figure, status_boxes
from ui.page import open_page, setup
from ui.tables import show_table
from unionboard.i18n import join
from unionboard.summary import change_text, fmt_int, fmt_pct

COMPLETIONS = {"新建会单位数完成率(%)": 100.0, "新发展会员数完成率(%)": 100.0}  # drawn as bars up to 100%

ctx = setup()
if len(ctx.towns) == 1:
    town = ctx.towns[0]
else:
    own = ctx.upload_town
    names = ctx.towns or ctx.towns_all
    town = st.selectbox(ctx.t("town_page_pick"), names, key="town_page_pick",
                        index=names.index(own) if own in names else 0) if names else None
if town is None:
    st.title(ctx.t("page_town"))
    st.info(ctx.t("page_no_db", db=str(ctx.db)))
    st.stop()
st.title(ctx.t("town_page_title", town=town))
sub = ctx.for_towns([town])
sub, (areas,) = open_page(None, "area-progress", ctx=sub)
rows = areas.rows
areas_only = rows[rows["村居园区"] != "未填村居园区"]
total = areas.total or {}
if areas_only["新建会单位数目标"].isna().all() and areas_only["新发展会员数目标"].isna().all():
    st.info(ctx.t("town_page_no_area_targets", town=town, year=areas.resolved.year))
else:
    # the whole town against its areas' targets and the district's
    st.subheader(ctx.t("town_page_total"))
    items = []
    # (indicator, its 完成率, the areas' sum, the district's target, the difference; the card's word)
    for ind, done, areas_sum, given, diff, word in (
            ("新建会单位数", "新建会单位数完成率(%)", "新建会单位数目标", "区下达新建会单位数目标", "新建会单位数目标差额",
             "chart_new_unions_done"),
            ("新发展会员数", "新发展会员数完成率(%)", "新发展会员数目标", "区下达新发展会员数目标", "新发展会员数目标差额",
             "chart_new_members_done")):
        items.append((word, fmt_pct(total.get(done)), done))
        st.caption(ctx.t("town_page_versus", indicator=ctx.label(ind), actual=fmt_int(total.get(ind)),
                         areas=fmt_int(total.get(areas_sum)), district=fmt_int(total.get(given)),
                         diff=change_text(total.get(diff)) or "—"))
    items.append(("chart_schedule", fmt_pct(total.get("序时进度(%)")), "序时进度(%)"))
    cards(ctx, items)
    st.subheader(ctx.t("town_page_chart"))
    status_boxes(ctx, areas, "村居园区")
    chart(figure(ctx, areas, "area_progress"), "town_page_chart")
st.subheader(ctx.t("town_page_table"))
show_table(sub, areas, "town_areas", progress=COMPLETIONS, height=min(38 + 35 * len(areas.df), 900))
lagging = [a for a, s in zip(areas_only["村居园区"], areas_only["进度状态"], strict=True) if s == "滞后"]
if lagging:
    st.caption(ctx.t("town_page_lagging", areas=join(lagging, ctx.lang)))
feds = view(sub, "federation-list")
if feds is not None:
    st.subheader(ctx.t("town_page_feds", town=town))
    show_table(sub, feds, "town_feds", height=360)
