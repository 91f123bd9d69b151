"""会议模式: full-screen, large type, one topic per screen, stepped with ←/→ (keyboard) or buttons; made for a
projector at 1920×1080 (issue 22): chart text ≥ 18 px, no chart toolbar, every slide within one screen (long lists
as their first N and 「其余 N 个」), a way back to the dashboard, and an optional 轮播 (`?rotate=20`: the next topic
every 20 seconds) for a lobby screen."""
from __future__ import annotations

import html
import time

import streamlit as st

from ui.data import memo, view
from ui.figures import chart, status_boxes
from ui.page import open_page, setup
from ui.scopes import meeting_slide
from unionboard import charts
from unionboard.i18n import value
from unionboard.status import COLOURS, DARK, LAGGING, ON_TRACK, WARNING
from unionboard.summary import double_half, fmt_int, fmt_pct, partial_completion, status_counts

SLIDES = ["meet_total", "meet_towns", "meet_double_half", "meet_industries", "meet_buildings", "meet_federations",
          "meet_dynamics", "meet_lagging"]
# a slide showing one view's chart: (view, chart builder, its extra argument)
# issue 27: the scopes against their targets, after the industries
SLIDES.insert(SLIDES.index("meet_industries") + 1, "meet_scopes")
CHART_SLIDES = {"meet_industries": ("industries", "coverage_bars", "行业类别"), "meet_federations": ("federations", "federations_by_kind")}
ABOVE_CHART = 215  # px of a slide above its chart (title, report date, carried-forward note): the chart takes the rest
TOP_BUILDINGS = 15  # buildings on their slide: the lowest 建会率 first, then 「其余 N 个」
TOP_LINES = 7  # towns listed per status on the last slide before 「其余 N 个」
ROTATE_RANGE = (5, 3600)  # seconds a 轮播 may wait on a topic

ctx = setup()
# issue 24: meeting mode for one town (or a 街镇 account) shows that town's villages and parks after the towns' chart
AREA_TOWN = ctx.towns[0] if len(ctx.towns) == 1 else ctx.upload_town
if AREA_TOWN:
    SLIDES = [*SLIDES[:2], "meet_areas", *SLIDES[2:]]
# The sidebar is hidden and the type enlarged for a projector; filters from the link still apply. Laid out for
# 1920×1080: a smaller screen (1366×768, most projectors; the same 16:9) shows the same slide scaled as a whole.
st.markdown("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
.block-container {padding: 0.6rem 2rem 0 2rem !important; max-width: 100%;}
[data-testid="stMetricValue"] {font-size: clamp(2.4rem, 6vh, 4rem) !important;}
[data-testid="stMetricLabel"] p {font-size: clamp(1.2rem, 2.6vh, 1.7rem) !important;}
[data-testid="stMetricDelta"] div {font-size: clamp(1rem, 2.1vh, 1.4rem) !important;}
[data-testid="stCaptionContainer"], [data-testid="stAlert"] p {font-size: clamp(0.9rem, 1.7vh, 1.15rem) !important;}
[data-testid="stAlert"] > div {padding: 0.3rem 0.9rem !important;}
.ub-big {font-size: clamp(1.4rem, 3.1vh, 2.1rem); line-height: 1.55;}
.ub-huge {font-size: clamp(3rem, 7.4vh, 5rem); font-weight: 700; line-height: 1.25;}
.ub-value {font-size: clamp(3rem, 7.4vh, 5rem); font-weight: 700;}
.ub-rule, .ub-rest {font-size: clamp(1.3rem, 2.8vh, 1.9rem); color: #333; margin: 0.3rem 0 0.8rem 0;}
.ub-rest {color: #5B6675;}
.ub-pos {font-size: clamp(1rem, 1.9vh, 1.3rem); color: #5B6675; text-align: center;}
h1 {font-size: clamp(2rem, 4.4vh, 3rem) !important; padding: 0 !important;}
/* a slide's chart takes the height the screen has left: 1080 px → 780 px of chart (the figure has no height
   of its own, so plotly fills this box whatever the screen) */
.st-key-ub_slide_chart {height: calc(100vh - var(--ub-above, 300px)) !important; flex: 0 0 auto !important;}
</style>""", unsafe_allow_html=True)


def rotation() -> int | None:
    """Seconds per topic of a 轮播 from the link (`?rotate=20`); None without one or for a value out of range."""
    try:
        seconds = int(st.query_params.get("rotate", ""))
    except ValueError:
        return None
    return seconds if ROTATE_RANGE[0] <= seconds <= ROTATE_RANGE[1] else None


def step(delta: int) -> None:
    """Move to the previous or next topic (and restart the 轮播's wait)."""
    st.session_state["meeting_slide"] = (st.session_state["meeting_slide"] + delta) % len(SLIDES)
    st.session_state["meeting_shown_at"] = time.monotonic()


def rest_line(n: int) -> str:
    """「其余 N 个」 under a list cut to its first items (nothing when none were left out)."""
    return f"<div class='ub-rest'>{html.escape(ctx.t('meet_rest', n=n))}</div>" if n > 0 else ""


def slide_chart(fig, key: str, above: int = ABOVE_CHART) -> None:  # noqa: ANN001
    """A chart filling the screen below the `above` px of the slide (CSS: the box is the viewport's height less
    that), large text, no toolbar."""
    with st.container(key="ub_slide_chart", height="stretch"):
        st.html(f"<style>.st-key-ub_slide_chart {{--ub-above: {above}px;}}</style>")
        chart(fig, key, toolbar=False, height="stretch")


def big_chart(result, builder: str, key: str, *extra: object, above: int = ABOVE_CHART) -> None:  # noqa: ANN001
    """A view's chart for the projector (charts.projector)."""
    fig = memo(result, ("projector", builder, ctx.lang, extra),
               lambda: charts.projector(getattr(charts, builder)(result.rows, *extra, lang=ctx.lang)))
    slide_chart(fig, key, above)


def double_half_slide(towns) -> None:  # noqa: ANN001
    """双过半: what it means, the verdict, and each indicator against 50% — passed or short by how much."""
    dh = double_half(towns)
    colour = {"met": COLOURS[ON_TRACK], "not_met": COLOURS[LAGGING]}.get(dh.state, DARK)
    st.markdown(f"<div class='ub-rule'>{html.escape(ctx.t('meet_dh_rule'))}</div>"
                f"<div class='ub-huge' style='color:{colour}'>{html.escape(dh.text(ctx.lang))}</div>", unsafe_allow_html=True)
    cells = []
    for key, indicator, done in (("kpi_new_unions", "新建会单位数", dh.new_unions_done),
                                 ("kpi_new_members", "新发展会员数", dh.new_members_done)):
        counts = partial_completion(towns, indicator)
        if counts is None or done is None:
            verdict, tone = ctx.t("meet_dh_none"), DARK
        elif counts[0] * 2 >= counts[1]:  # as counts, like double_half: a rounded 49.995% never passes
            verdict, tone = f"✓ {ctx.t('meet_dh_pass')}", COLOURS[ON_TRACK]
        else:
            verdict, tone = f"✗ {ctx.t('meet_dh_fail', gap=f'{50 - done:.2f}')}", COLOURS[LAGGING]
        cells.append(f"<div style='flex:1;border-left:10px solid {tone};padding:10px 24px;background:#F7F9FC'>"
                     f"<div class='ub-rule'>{html.escape(ctx.t(key))}</div>"
                     f"<div class='ub-value' style='color:{tone}'>{fmt_pct(done)}</div>"
                     f"<div class='ub-rule' style='color:{tone}'>{html.escape(verdict)}</div></div>")
    st.markdown(f"<div style='display:flex;gap:2rem;margin-top:1.5rem'>{''.join(cells)}</div>", unsafe_allow_html=True)


def buildings_slide() -> None:
    """The buildings with the lowest 建会率 (where the work is), and how many more there are."""
    result = view(ctx, "buildings")
    if result is None:
        return
    rows = result.rows
    st.markdown(f"<div class='ub-big'>{html.escape(ctx.t('meet_buildings_lowest', n=min(TOP_BUILDINGS, len(rows)), total=len(rows)))}"
                f"</div>", unsafe_allow_html=True)
    fig = memo(result, ("projector_lowest", ctx.lang, TOP_BUILDINGS), lambda: charts.projector(
        charts.building_coverage(rows.nsmallest(TOP_BUILDINGS, "建会率(%)"), lang=ctx.lang)))
    slide_chart(fig, "meeting_buildings_chart", ABOVE_CHART + 110)
    st.markdown(rest_line(len(rows) - TOP_BUILDINGS), unsafe_allow_html=True)


def lagging_slide(towns) -> None:  # noqa: ANN001
    """The 滞后 and 预警 towns side by side, each with its two completions (the first TOP_LINES, then 「其余 N 个」)."""
    groups = status_counts(towns)
    rows = towns.rows.set_index("街镇")
    for column, status in zip(st.columns(2, gap="large"), (LAGGING, WARNING), strict=True):
        names = groups[status]
        lines = "".join(f"<div>{html.escape(line)}</div>" for line in (
            ctx.t("meet_lagging_line", town=n, units=fmt_pct(rows.loc[n, "新建会单位数完成率(%)"]),
                  members=fmt_pct(rows.loc[n, "新发展会员数完成率(%)"])) for n in names[:TOP_LINES])) or "<div>—</div>"
        title = html.escape(ctx.t("status_count", status=value(status, ctx.lang), n=len(names)))
        column.markdown(f"<div class='ub-big' style='border-left:10px solid {COLOURS[status]};padding-left:20px'>"
                        f"<b style='color:{COLOURS[status]}'>{title}</b>{lines}{rest_line(len(names) - TOP_LINES)}</div>",
                        unsafe_allow_html=True)


def slide_area() -> None:
    """The navigation and the topic on screen; in a 轮播, run again every few seconds and moved on when its time
    on screen is up (a key or a button restarts the wait)."""
    seconds = rotation()
    now = time.monotonic()
    if "meeting_slide" not in st.session_state:
        st.session_state["meeting_slide"] = 0
    shown_at = st.session_state.setdefault("meeting_shown_at", now)
    if seconds and now - shown_at >= seconds - 0.5:
        step(1)
    i = st.session_state["meeting_slide"] % len(SLIDES)  # the list is longer for one town (issue 24)
    slide = SLIDES[i]
    nav = st.columns([1.2, 6, 2, 1.1, 1.1], vertical_alignment="center")
    nav[0].page_link("pages/overview.py", label=ctx.t("meet_back"), icon=":material/arrow_back:")
    nav[1].title(ctx.t(slide))
    position = f"{i + 1} / {len(SLIDES)} · {ctx.t('meet_hint')}"
    if seconds:
        position += f"<br>{ctx.t('meet_rotate', n=seconds)}"
    nav[2].markdown(f"<div class='ub-pos'>{html.escape(position).replace('&lt;br&gt;', '<br>')}</div>", unsafe_allow_html=True)
    nav[3].button(f"◀ {ctx.t('meet_prev')}", key="meeting_prev", on_click=step, args=(-1,), shortcut="ArrowLeft", width="stretch")
    nav[4].button(f"{ctx.t('meet_next')} ▶", key="meeting_next", on_click=step, args=(1,), shortcut="ArrowRight", width="stretch")
    _, (towns,) = open_page(None, "towns", ctx=ctx)
    total = towns.total
    if slide == "meet_total":
        for row in ((("kpi_active", fmt_int(total["在营单位数"]), None), ("kpi_coverage", fmt_pct(total["建会率(%)"]), None),
                     ("kpi_membership", fmt_pct(total["入会率(%)"]), None)),
                    (("kpi_new_unions", fmt_int(total["新建会单位数"]), total["新建会单位数完成率(%)"]),
                     ("kpi_new_members", fmt_int(total["新发展会员数"]), total["新发展会员数完成率(%)"]),
                     ("schedule", fmt_pct(total["序时进度(%)"]), None))):
            for col, (key, shown, done) in zip(st.columns(3), row, strict=True):
                col.metric(ctx.t(key), shown, f"{ctx.t('done')} {fmt_pct(done)}" if done is not None else None,
                           delta_color="off", delta_arrow="off", border=True)
    elif slide == "meet_towns":
        big_chart(towns, "town_progress", "meeting_towns_chart")
    elif slide == "meet_areas":  # issue 24: the town's areas against the targets it signed with them
        areas = view(ctx.for_towns([AREA_TOWN]), "area-progress")
        if areas is not None:
            status_boxes(ctx, areas, "村居园区")
            big_chart(areas, "area_progress", "meeting_areas_chart", above=ABOVE_CHART + 110)
    elif slide == "meet_double_half":
        double_half_slide(towns)
    elif slide in CHART_SLIDES:
        name, builder, *extra = CHART_SLIDES[slide]
        result = view(ctx, name)
        if result is not None:
            big_chart(result, builder, f"meeting_{name}_chart", *extra)
    elif slide == "meet_buildings":
        buildings_slide()
    elif slide == "meet_dynamics":
        dyn = view(ctx, "dynamics")
        if dyn is not None:
            last = dyn.total
            figures = (("transferred", fmt_int(last["转移接续"])), ("dissolved", fmt_int(last["撤销工会"])),
                       ("transfer_rate", fmt_pct(last["会员转接率(%)"])))
            for col, (key, shown) in zip(st.columns(3), figures, strict=True):
                col.metric(ctx.t(key), shown, border=True)
            big_chart(dyn, "dynamics_monthly", "meeting_dynamics_chart", above=ABOVE_CHART + 170)
    elif slide == "meet_lagging":
        lagging_slide(towns)
    elif slide == "meet_scopes":  # issue 27
        meeting_slide(ctx)


seconds_per_topic = rotation()
if seconds_per_topic:
    st.fragment(slide_area, run_every=seconds_per_topic)()
else:
    slide_area()
