"""总览: district KPIs against targets, 序时进度 and 双过半, trend, and a written summary."""
from __future__ import annotations

import html

import streamlit as st

from ui import shell
from ui.text import t
from unionboard.definitions import definition
from unionboard.summary import change_text, double_half, fmt_int, fmt_pct, reporting_line

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_overview")
if shell.need_data(ctx):
    towns = shell.view(ctx, "towns")
    trend = shell.view(ctx, "trend")
    if towns is not None and trend is not None:
        shell.caption(ctx, towns)
        total = shell.row(towns, "街镇", "合计")
        now = shell.memo(trend, ("last",), lambda: trend.df.iloc[-1].to_dict())  # the as-of date: 环比, 同比

        def delta(field: str, pct: bool = False) -> str | None:
            """环比 as the card's delta (from the trend view)."""
            return change_text(now.get(f"{field.removesuffix('(%)')}环比" + ("(百分点)" if pct else "")), pct)

        def yoy(field: str, pct: bool = False) -> str:
            """同比, with the report date compared with, for the line under the card."""
            value = change_text(now.get(f"{field.removesuffix('(%)')}同比" + ("(百分点)" if pct else "")), pct)
            if value is None:
                return t("yoy_none", lang)
            return t("yoy", lang, value=value, date=now["同比报表日期"].isoformat())

        if not total["在营单位数"]:
            st.info(t("empty_selection", lang))
        row1 = st.columns(6)
        cards = [("kpi_active", "在营单位数", fmt_int, False), ("kpi_unionised", "已建会单位数", fmt_int, False),
                 ("kpi_coverage", "建会率(%)", fmt_pct, True), ("kpi_members", "会员人数", fmt_int, False),
                 ("kpi_membership", "入会率(%)", fmt_pct, True), ("kpi_migrant", "农民工入会率(%)", fmt_pct, True)]
        for col, (label, field, fmt, pct) in zip(row1, cards, strict=True):
            # grey deltas: green, amber and red mean 达标, 预警 and 滞后 only
            col.metric(t(label, lang), fmt(total[field]), delta(field, pct), help=definition(field, lang),
                       border=True, delta_description=t("vs_prev", lang), delta_color="off")
            col.caption(yoy(field, pct))
        row2 = st.columns([1, 1, 1, 1])
        for col, (label, field) in zip(row2[:2], (("kpi_new_unions", "新建会单位数"), ("kpi_new_members", "新发展会员数")),
                                       strict=True):
            target = total[f"{field}目标"]
            value = fmt_int(total[field])
            extra = (f"{t('target', lang)} {fmt_int(target)} · {t('done', lang)} {fmt_pct(total[f'{field}完成率(%)'])}"
                     if target is not None and target == target else t("no_targets", lang)[:12] + "…")
            col.metric(t(label, lang), value, delta(field), help=definition(field, lang), border=True,
                       delta_description=t("vs_prev", lang), delta_color="off")
            col.caption(f"{extra} · {yoy(field)}")
        row2[2].metric(t("schedule", lang), fmt_pct(total["序时进度(%)"]), help=definition("序时进度(%)", lang), border=True)
        dh = double_half(towns.resolved.snapshot, towns.df)
        row2[3].metric(t("double_half", lang), dh.short(lang), help=definition("双过半", lang), border=True)
        row2[3].caption(f"{t('kpi_new_unions', lang)} {fmt_pct(dh.new_unions_done)} · "
                        f"{t('kpi_new_members', lang)} {fmt_pct(dh.new_members_done)}（≥50%）")
        if total["新建会单位数目标"] is None or total["新建会单位数目标"] != total["新建会单位数目标"]:
            st.info(t("no_targets", lang))
        else:
            shell.no_target_note(ctx, towns)
        sub = shell.view(ctx, "submissions")
        if sub is not None:
            line = shell.memo(sub, ("line", lang), lambda: reporting_line(sub.df, lang))
            if line:
                a, b = st.columns([5, 1], vertical_alignment="center")
                a.info(line, icon=":material/outgoing_mail:")
                b.page_link("pages/submissions.py", label=t("sub_link", lang), icon=":material/arrow_forward:")
        checks = shell.view(ctx, "changes-by-town", notice=False)
        if checks is not None:
            found = shell.row(checks, "街镇", "合计")["合计"]
            if found == found and found:  # one click to the units that need a look
                a, b = st.columns([5, 1], vertical_alignment="center")
                a.info(t("chg_link", lang, n=f"{int(found):,}"), icon=":material/fact_check:")
                b.page_link("pages/changes.py", label=t("chg_go", lang), icon=":material/arrow_forward:")
        shell.status_boxes(towns.df, lang)
        st.subheader(t("summary", lang))
        shell.document_downloads(ctx, towns)
        st.markdown(f"<div style='font-size:1.15rem;line-height:1.9;background:#F1F4F8;padding:14px 18px;"
                    f"border-radius:6px'>{html.escape(shell.briefing_text(ctx, towns))}"
                    "</div>",
                    unsafe_allow_html=True)
        left, right = st.columns(2)
        with left:
            st.subheader(t("trend_progress", lang))
            shell.chart(shell.figure(ctx, trend, "trend_progress_year", towns.resolved.year), "overview_trend_progress")
        with right:
            st.subheader(t("trend_rates", lang))
            shell.chart(shell.figure(ctx, trend, "trend_rates"), "overview_trend_rates")
        shell.show_table(ctx, trend, "overview_trend")
