"""会议模式: full-screen, large type, one topic per screen, stepped with ←/→ (keyboard) or buttons."""
from __future__ import annotations

import html

import streamlit as st

from ui.data import view
from ui.figures import chart, figure, status_boxes
from ui.page import open_page, setup
from ui.scopes import meeting_slide
from unionboard.i18n import value
from unionboard.status import COLOURS, DARK, LAGGING, ON_TRACK, WARNING
from unionboard.summary import double_half, fmt_int, fmt_pct, status_counts

SLIDES = ["meet_total", "meet_towns", "meet_double_half", "meet_industries", "meet_buildings", "meet_federations",
          "meet_dynamics", "meet_lagging"]
# a slide showing one view's chart: (view, chart builder, its extra argument)
# issue 27: the scopes against their targets, after the industries
SLIDES.insert(SLIDES.index("meet_industries") + 1 if "meet_industries" in SLIDES else len(SLIDES), "meet_scopes")
CHART_SLIDES = {"meet_industries": ("industries", "coverage_bars", "行业类别"), "meet_buildings": ("buildings", "building_coverage"),
                "meet_federations": ("federations", "federations_by_kind")}

ctx = setup()
# issue 24: meeting mode for one town (or a 街镇 account) shows that town's villages and parks after the towns' chart
AREA_TOWN = ctx.towns[0] if len(ctx.towns) == 1 else ctx.upload_town
if AREA_TOWN:
    SLIDES = [*SLIDES[:2], "meet_areas", *SLIDES[2:]]
# the sidebar is hidden and the type enlarged for a projector; filters from the link still apply
st.markdown("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
.block-container {padding-top: 1.2rem; max-width: 100%;}
[data-testid="stMetricValue"] {font-size: 4rem !important;}
[data-testid="stMetricLabel"] p {font-size: 1.6rem !important;}
.ub-big {font-size: 2.1rem; line-height: 1.6;}
.ub-huge {font-size: 5.5rem; font-weight: 700;}
h1 {font-size: 3.2rem !important;}
</style>""", unsafe_allow_html=True)

if "meeting_slide" not in st.session_state:
    st.session_state["meeting_slide"] = 0


def step(delta: int) -> None:
    """Move to the previous or next topic."""
    st.session_state["meeting_slide"] = (st.session_state["meeting_slide"] + delta) % len(SLIDES)


nav = st.columns([1, 6, 1])
nav[0].button(f"◀ {ctx.t('meet_prev')}", key="meeting_prev", on_click=step, args=(-1,), shortcut="ArrowLeft", width="stretch")
nav[2].button(f"{ctx.t('meet_next')} ▶", key="meeting_next", on_click=step, args=(1,), shortcut="ArrowRight", width="stretch")
i = st.session_state["meeting_slide"] % len(SLIDES)  # the list is longer for one town (issue 24)
slide = SLIDES[i]
nav[1].markdown(f"<div style='text-align:center;font-size:1.3rem;color:#5B6675'>{i + 1} / {len(SLIDES)} · "
                f"{html.escape(ctx.t('meet_hint'))}</div>", unsafe_allow_html=True)
ctx, (towns,) = open_page(slide, "towns", ctx=ctx)
total = towns.total
if slide == "meet_total":
    a, b, c = st.columns(3)
    a.metric(ctx.t("kpi_active"), fmt_int(total["在营单位数"]))
    b.metric(ctx.t("kpi_coverage"), fmt_pct(total["建会率(%)"]))
    c.metric(ctx.t("kpi_membership"), fmt_pct(total["入会率(%)"]))
    a, b, c = st.columns(3)
    a.metric(ctx.t("kpi_new_unions"), fmt_int(total["新建会单位数"]), f"{ctx.t('done')} {fmt_pct(total['新建会单位数完成率(%)'])}",
             delta_color="off")
    b.metric(ctx.t("kpi_new_members"), fmt_int(total["新发展会员数"]), f"{ctx.t('done')} {fmt_pct(total['新发展会员数完成率(%)'])}",
             delta_color="off")
    c.metric(ctx.t("schedule"), fmt_pct(total["序时进度(%)"]))
elif slide == "meet_towns":
    chart(figure(ctx, towns, "town_progress"), "meeting_towns_chart")
elif slide == "meet_areas":  # issue 24: the town's areas against the targets it signed with them
    areas = view(ctx.for_towns([AREA_TOWN]), "area-progress")
    if areas is not None:
        status_boxes(ctx, areas, "村居园区")
        chart(figure(ctx, areas, "area_progress"), "meeting_areas_chart")
elif slide == "meet_double_half":
    dh = double_half(towns)
    colour = {"met": COLOURS[ON_TRACK], "not_met": COLOURS[LAGGING]}.get(dh.state, DARK)
    st.markdown(f"<div class='ub-huge' style='color:{colour}'>{html.escape(dh.text(ctx.lang))}</div>", unsafe_allow_html=True)
    a, b = st.columns(2)
    a.metric(ctx.t("kpi_new_unions"), fmt_pct(dh.new_unions_done), "≥ 50%", delta_color="off")
    b.metric(ctx.t("kpi_new_members"), fmt_pct(dh.new_members_done), "≥ 50%", delta_color="off")
elif slide in CHART_SLIDES:
    name, builder, *extra = CHART_SLIDES[slide]
    result = view(ctx, name)
    if result is not None:
        chart(figure(ctx, result, builder, *extra), f"meeting_{name}_chart")
elif slide == "meet_dynamics":
    dyn = view(ctx, "dynamics")
    if dyn is not None:
        last = dyn.total
        a, b, c = st.columns(3)
        a.metric(ctx.t("transferred"), fmt_int(last["转移接续"]))
        b.metric(ctx.t("dissolved"), fmt_int(last["撤销工会"]))
        c.metric(ctx.t("transfer_rate"), fmt_pct(last["会员转接率(%)"]))
        chart(figure(ctx, dyn, "dynamics_monthly"), "meeting_dynamics_chart")
elif slide == "meet_lagging":
    groups = status_counts(towns)
    rows = towns.rows.set_index("街镇")
    for status in (LAGGING, WARNING):
        names = groups[status]
        lines = "".join(f"<div>{html.escape(line)}</div>" for line in (
            ctx.t("meet_lagging_line", town=n, units=fmt_pct(rows.loc[n, "新建会单位数完成率(%)"]),
                  members=fmt_pct(rows.loc[n, "新发展会员数完成率(%)"])) for n in names)) or "<div>—</div>"
        title = html.escape(ctx.t("status_count", status=value(status, ctx.lang), n=len(names)))
        st.markdown(f"<div class='ub-big'><b style='color:{COLOURS[status]}'>{title}</b>{lines}</div>", unsafe_allow_html=True)
elif slide == "meet_scopes":  # issue 27
    meeting_slide(ctx)
