"""会议模式: full-screen, large type, one topic per screen, stepped with ←/→ (keyboard) or buttons."""
from __future__ import annotations

import html

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.summary import double_half, fmt_int, fmt_pct, status_counts

ctx = shell.page_setup()
lang = ctx.lang
SLIDES = ["meet_total", "meet_towns", "meet_double_half", "meet_industries", "meet_buildings", "meet_federations",
          "meet_dynamics", "meet_lagging"]

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
nav[0].button(f"◀ {t('meet_prev', lang)}", key="meeting_prev", on_click=step, args=(-1,), shortcut="ArrowLeft",
              width="stretch")
nav[2].button(f"{t('meet_next', lang)} ▶", key="meeting_next", on_click=step, args=(1,), shortcut="ArrowRight",
              width="stretch")
i = st.session_state["meeting_slide"]
nav[1].markdown(f"<div style='text-align:center;font-size:1.3rem;color:#5B6675'>{i + 1} / {len(SLIDES)} · "
                f"{html.escape(t('meet_hint', lang))}</div>", unsafe_allow_html=True)
st.title(t(SLIDES[i], lang))

if shell.need_data(ctx):
    towns = shell.view(ctx, "towns")
    if towns is not None:
        shell.caption(ctx, towns)
        total = shell.row(towns, "街镇", "合计")
        slide = SLIDES[i]
        if slide == "meet_total":
            a, b, c = st.columns(3)
            a.metric(t("kpi_active", lang), fmt_int(total["在营单位数"]))
            b.metric(t("kpi_coverage", lang), fmt_pct(total["建会率(%)"]))
            c.metric(t("kpi_membership", lang), fmt_pct(total["入会率(%)"]))
            a, b, c = st.columns(3)
            a.metric(t("kpi_new_unions", lang), fmt_int(total["新建会单位数"]),
                     f"{t('done', lang)} {fmt_pct(total['新建会单位数完成率(%)'])}", delta_color="off")
            b.metric(t("kpi_new_members", lang), fmt_int(total["新发展会员数"]),
                     f"{t('done', lang)} {fmt_pct(total['新发展会员数完成率(%)'])}", delta_color="off")
            c.metric(t("schedule", lang), fmt_pct(total["序时进度(%)"]))
        elif slide == "meet_towns":
            shell.chart(shell.figure(ctx, towns, "town_progress"), "meeting_towns_chart")
        elif slide == "meet_double_half":
            dh = double_half(towns.resolved.snapshot, towns.df)
            colour = "#2E7D32" if dh.state == "met" else "#C62828" if dh.state == "not_met" else "#37474F"
            st.markdown(f"<div class='ub-huge' style='color:{colour}'>{html.escape(dh.text(lang))}</div>",
                        unsafe_allow_html=True)
            a, b = st.columns(2)
            a.metric(t("kpi_new_unions", lang), fmt_pct(dh.new_unions_done), "≥ 50%", delta_color="off")
            b.metric(t("kpi_new_members", lang), fmt_pct(dh.new_members_done), "≥ 50%", delta_color="off")
        elif slide == "meet_industries":
            ind = shell.view(ctx, "industries")
            if ind is not None:
                shell.chart(shell.figure(ctx, ind, "coverage_bars", "行业类别"), "meeting_industries_chart")
        elif slide == "meet_buildings":
            bld = shell.view(ctx, "buildings")
            if bld is not None:
                shell.chart(shell.figure(ctx, bld, "building_coverage"), "meeting_buildings_chart")
        elif slide == "meet_federations":
            feds = shell.view(ctx, "federations")
            if feds is not None:
                shell.chart(shell.figure(ctx, feds, "federations_by_kind"), "meeting_federations_chart")
        elif slide == "meet_dynamics":
            dyn = shell.view(ctx, "dynamics")
            if dyn is not None:
                last = dyn.df.iloc[-1]
                a, b, c = st.columns(3)
                a.metric(t("transferred", lang), fmt_int(last["转移接续"]))
                b.metric(t("dissolved", lang), fmt_int(last["撤销工会"]))
                c.metric(t("transfer_rate", lang), fmt_pct(last["会员转接率(%)"]))
                shell.chart(shell.figure(ctx, dyn, "dynamics_monthly"), "meeting_dynamics_chart")
        elif slide == "meet_lagging":
            groups = status_counts(towns.df)
            rows = towns.df.set_index("街镇")
            for status, colour in (("滞后", "#C62828"), ("预警", "#F2A900")):
                names = groups[status]
                lines = "".join(
                    f"<div>{html.escape(n)}：新建会 {fmt_pct(rows.loc[n, '新建会单位数完成率(%)'])}，"
                    f"新发展会员 {fmt_pct(rows.loc[n, '新发展会员数完成率(%)'])}</div>" for n in names) or "<div>—</div>"
                st.markdown(f"<div class='ub-big'><b style='color:{colour}'>{status}（{len(names)}）</b>{lines}</div>",
                            unsafe_allow_html=True)
