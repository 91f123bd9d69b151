"""Plotly figures built from the views' rows (no Streamlit here, so the briefing can reuse them).

Every builder takes a view's rows without its total row (ViewResult.rows) and the user's language;
its words come from the catalog (unionboard.i18n) and its colours from unionboard.status: one colour
means one thing everywhere — green 达标, amber 预警, red 滞后; blue for plain quantities, grey for
"none yet".
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .i18n import label, msg, value
from .status import AMBER, BLUE, DARK, GREY, LIGHT_BLUE, MARKERS, PATTERNS, PURPLE, REPORT_COLOURS, WARNING_SHARE, colour_of
from .summary import schedule_of

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
NEW_UNIONS_DONE, NEW_MEMBERS_DONE, SCHEDULE = "新建会单位数完成率(%)", "新发展会员数完成率(%)", "序时进度(%)"


def _layout(fig: go.Figure, title: str | None = None, height: int = 460) -> go.Figure:
    fig.update_layout(title=title, height=height, font={"family": FONT, "size": 15}, margin={"l": 10, "r": 10, "t": 60, "b": 10},
                      plot_bgcolor="white", legend={"orientation": "h", "y": 1.08, "x": 0}, bargap=0.25)
    fig.update_yaxes(gridcolor="#E6E9EF", zerolinecolor="#B0B7C3")
    return fig


HALO = "0 0 3px white, 0 0 3px white, 0 0 2px white"  # a bar label stays legible where a reference line passes


def _two(values: pd.Series) -> list[str]:
    """Bar labels with the tables' two decimals; nothing for a missing value."""
    return [f"{v:.2f}" if pd.notna(v) else "" for v in values]


def _fill(colour: str, pattern: str) -> dict:
    """A bar's marker: its colour, with a pattern drawn over it in a contrasting ink (white on the dark colours)
    so series differ by more than their colour (a projector, a colour-blind viewer, a grey-scale print)."""
    ink = "white" if colour in (BLUE, DARK) else DARK
    return {"color": colour, "pattern": {"shape": pattern, "fgcolor": ink, "bgcolor": colour, "size": 8, "solidity": 0.3}}


def _legend_line(fig: go.Figure, name: str, line: dict) -> None:
    """A reference line's label as a legend entry: an annotation in the plot would sit on a bar (issue 22)."""
    fig.add_scatter(x=[None], y=[None], mode="lines", line=line, name=name, hoverinfo="skip")


def town_progress(rows: pd.DataFrame, lang: str = "zh", name_col: str = "街镇") -> go.Figure:
    """Completion for both count targets against the 序时进度 line, one pair of bars per row of `rows` named by
    its `name_col` (towns here; any frame with the two completion columns and 序时进度), coloured by status.

    The reference lines are drawn beneath the bars and their labels are legend entries, so a line never
    crosses a bar's label and a label never sits on a bar.
    """
    schedule = schedule_of(rows)
    warning = WARNING_SHARE * schedule
    fig = go.Figure()
    for col, name, pattern in ((NEW_UNIONS_DONE, "chart_new_unions_done", ""), (NEW_MEMBERS_DONE, "chart_new_members_done", "/")):
        values = rows[col]
        colours = [colour_of(v, schedule) for v in values]
        fig.add_bar(x=rows[name_col], y=values, name=msg(name, lang),
                    marker={"color": colours, "pattern": {"shape": pattern, "fgcolor": "white", "bgcolor": colours,
                                                         "size": 8, "solidity": 0.3}},
                    customdata=rows[name_col], hovertemplate="%{x}<br>%{y:.2f}%<extra>" + msg(name, lang) + "</extra>",
                    # upright: 24 labels fit at 1366 px
                    text=_two(values), textposition="outside", textfont={"shadow": HALO, "color": DARK}, textangle=-90,
                    cliponaxis=False)
    schedule_line = {"color": DARK, "dash": "dash", "width": 2}
    warning_line = {"color": AMBER, "dash": "dot", "width": 2}
    fig.add_hline(y=schedule, line=schedule_line, layer="below")
    fig.add_hline(y=warning, line=warning_line, layer="below")
    _legend_line(fig, f"{msg('chart_schedule', lang)} {schedule:.2f}%", schedule_line)
    _legend_line(fig, f"{msg('chart_warning_line', lang)} {warning:.2f}%", warning_line)
    top = max([schedule, *[v for c in (NEW_UNIONS_DONE, NEW_MEMBERS_DONE) for v in rows[c] if pd.notna(v)]])
    fig.update_yaxes(title=msg("chart_done_axis", lang), ticksuffix="%", range=[0, top * 1.18 + 2])
    fig.update_layout(barmode="group", clickmode="event+select", uniformtext={"minsize": 10, "mode": "show"})
    return _layout(fig, height=500)


def area_progress(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """(issue 24) A town's areas as town_progress draws the towns: completion of each area with a target against
    the 序时进度 line, coloured by status, the area's name as the label (area-progress rows, 合计 left out)."""
    areas = rows[rows["新建会单位数目标"].notna() | rows["新发展会员数目标"].notna()]
    return town_progress(areas.drop(columns=["街镇"]).rename(columns={"村居园区": "街镇"}), lang)


def trend_progress(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Completion over the snapshots of the target year against 序时进度 (oldest on the left; the view is newest first)."""
    trend = trend.sort_values("报表日期")
    fig = go.Figure()
    x = [str(d) for d in trend["报表日期"]]
    for (col, name, colour), (symbol, dash) in zip(((NEW_UNIONS_DONE, "chart_new_unions_done", BLUE),
                                                    (NEW_MEMBERS_DONE, "chart_new_members_done", PURPLE)), MARKERS, strict=False):
        fig.add_scatter(x=x, y=trend[col], name=msg(name, lang), mode="lines+markers", line={"color": colour, "width": 3, "dash": dash},
                        marker={"symbol": symbol, "size": 9}, hovertemplate="%{x}<br>%{y:.2f}%")
    fig.add_scatter(x=x, y=trend[SCHEDULE], name=msg("chart_schedule", lang), mode="lines", line={"color": DARK, "dash": "dash"})
    fig.update_yaxes(title=msg("chart_done_axis", lang), ticksuffix="%")
    fig.update_xaxes(type="category")
    return _layout(fig, height=400)


def trend_rates(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """建会率, 入会率 and 农民工入会率 over the snapshots (oldest on the left)."""
    trend = trend.sort_values("报表日期")
    fig = go.Figure()
    x = [str(d) for d in trend["报表日期"]]
    for (col, name, colour), (symbol, dash) in zip((("建会率(%)", "chart_coverage", BLUE), ("入会率(%)", "chart_membership", PURPLE),
                                                    ("农民工入会率(%)", "chart_migrant", DARK)), MARKERS, strict=False):
        fig.add_scatter(x=x, y=trend[col], name=msg(name, lang), mode="lines+markers", line={"color": colour, "width": 3, "dash": dash},
                        marker={"symbol": symbol, "size": 9}, hovertemplate="%{x}<br>%{y:.2f}%")
    fig.update_yaxes(title=msg("chart_rate_axis", lang), ticksuffix="%")
    fig.update_xaxes(type="category")
    return _layout(fig, height=400)


def coverage_bars(rows: pd.DataFrame, key: str, lang: str = "zh") -> go.Figure:
    """建会率 and 入会率 per group (industry, 两新组织 …)."""
    fig = go.Figure()
    for col, name, colour, pattern in (("建会率(%)", "chart_coverage", BLUE, PATTERNS[0]),
                                       ("入会率(%)", "chart_membership", LIGHT_BLUE, PATTERNS[1])):
        fig.add_bar(x=rows[key], y=rows[col], name=msg(name, lang),
                    marker=_fill(colour, pattern),
                    text=_two(rows[col]), textposition="outside", textfont={"shadow": HALO}, textangle=0, cliponaxis=False,
                    hovertemplate="%{x}<br>%{y:.2f}%")
    fig.update_yaxes(ticksuffix="%", range=[0, 110])
    fig.update_layout(barmode="group")
    return _layout(fig, height=420)


def building_coverage(buildings: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """建会率 per building, coloured by whether it has a 楼宇工会联合会."""
    rows = buildings.sort_values("建会率(%)", ascending=True, na_position="first")
    has = rows["楼宇工会联合会"] == "已成立"
    fig = go.Figure()
    for mask, name, colour, pattern in ((has, "chart_with_fed", BLUE, PATTERNS[0]), (~has, "chart_without_fed", GREY, PATTERNS[1])):
        sub = rows[mask]
        names = [msg("chart_building_of_town", lang, building=b, town=t) for b, t in zip(sub["楼宇名称"], sub["街镇"], strict=True)]
        fig.add_bar(y=names, x=sub["建会率(%)"], orientation="h", text=_two(sub["建会率(%)"]), textposition="outside",
                    textfont={"shadow": HALO},
                    cliponaxis=False, name=msg(name, lang), marker=_fill(colour, pattern),
                    hovertemplate="%{y}<br>%{x:.2f}%<extra></extra>")
    order = [msg("chart_building_of_town", lang, building=b, town=t) for b, t in zip(rows["楼宇名称"], rows["街镇"], strict=True)]
    fig.update_yaxes(categoryorder="array", categoryarray=order)  # lowest at the bottom, whichever trace a building is in
    fig.update_xaxes(ticksuffix="%", range=[0, 112])
    fig.update_layout(barmode="overlay")
    return _layout(fig, height=max(420, 22 * len(rows) + 120))


def stacked(df: pd.DataFrame, x: str, columns: list[str], colours: list[str], lang: str = "zh",
            height: int = 420) -> go.Figure:
    """A stacked bar chart of several count columns, each series its colour and its pattern."""
    fig = go.Figure()
    for col, colour, pattern in zip(columns, colours, PATTERNS, strict=False):
        fig.add_bar(x=df[x], y=df[col], name=label(col, lang),
                    marker=_fill(colour, pattern))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    return _layout(fig, height=height)


def chairs_vs_federations(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """村(园区)工会主席 trained against the number of 村(园区)工会联合会, by town."""
    fig = go.Figure()
    for col, colour, pattern in (("村(园区)工会联合会数", GREY, PATTERNS[1]), ("村(园区)工会主席", BLUE, PATTERNS[0])):
        fig.add_bar(x=rows["街镇"], y=rows[col], name=label(col, lang),
                    marker=_fill(colour, pattern))
    fig.update_layout(barmode="group")
    return _layout(fig, height=420)


EVENT_COLUMNS = ["新开业", "迁入", "停产", "关闭", "迁出"]
OPENINGS, CLOSURES = ["新开业", "迁入"], ["停产", "关闭", "迁出"]


def _nice_step(rough: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten, at least `rough`."""
    power = 10 ** max(0, len(str(int(rough))) - 1)
    return next(k * power for k in (1, 2, 5, 10) if k * power >= rough)


def dynamics_monthly(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Openings against closures by month, from the dynamics view: 新开业 and 迁入 above the zero line, 停产, 关闭
    and 迁出 below it (diverging bars; one stack of all five had a height that meant nothing)."""
    monthly = rows.groupby("月份", as_index=False)[EVENT_COLUMNS].sum()
    fig = go.Figure()
    series = [(c, 1, colour) for c, colour in zip(OPENINGS, (BLUE, LIGHT_BLUE), strict=True)] + \
             [(c, -1, colour) for c, colour in zip(CLOSURES, (PURPLE, DARK, GREY), strict=True)]
    for (col, sign, colour), pattern in zip(series, PATTERNS, strict=True):
        counts = monthly[col].astype("float")
        fig.add_bar(x=monthly["月份"], y=sign * counts, name=label(col, lang), customdata=counts,
                    marker=_fill(colour, pattern),
                    hovertemplate="%{x}<br>%{customdata:,.0f}<extra>" + label(col, lang) + "</extra>")
    fig.update_layout(barmode="relative")
    fig.update_xaxes(type="category")
    up, down = monthly[OPENINGS].sum(axis=1).max(), monthly[CLOSURES].sum(axis=1).max()
    step = _nice_step(max(up, down, 1) / 3)
    ticks = [k * step for k in range(-int(-(-down // step)), int(-(-up // step)) + 1)]
    # counts both ways: the closures' axis reads 5, not -5
    fig.update_yaxes(zerolinecolor=DARK, zerolinewidth=2, tickvals=ticks, ticktext=[f"{abs(t):,.0f}" for t in ticks])
    fig.update_layout(legend_title_text=msg("chart_dynamics_axis", lang))
    return _layout(fig, height=420)


def uncovered_by_town(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Units without a union per town, 25+ and under 25 stacked, from the uncovered-by-town view."""
    return stacked(rows, "街镇", ["25人以上", "25人以下"], [BLUE, GREY], lang)


FINDINGS = ["单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报"]


def findings_by_town(changes_by_town: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """名册核对 findings per checked town (its 合计 column counted), stacked by kind, from the changes-by-town
    view: counts, so in the blues of plain quantities (green, amber and red mean 达标, 预警 and 滞后 only)."""
    rows = changes_by_town[changes_by_town["合计"].notna()]
    return stacked(rows, "街镇", FINDINGS, [BLUE, LIGHT_BLUE, DARK, PURPLE, GREY], lang)


def federations_by_kind(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Federations per town, stacked by kind, from the federations view."""
    return stacked(rows, "街镇", ["村工会联合会", "园区工会联合会", "楼宇工会联合会", "行业工会联合会", "区域工会联合会"],
                   [BLUE, LIGHT_BLUE, PURPLE, DARK, GREY], lang)


def training_by_audience(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Trainees per town, stacked by audience, from the training view."""
    return stacked(rows, "街镇", ["村(园区)工会主席", "企业工会主席", "工会干部"], [BLUE, LIGHT_BLUE, GREY], lang)


def trend_progress_year(trend: pd.DataFrame, year: int, lang: str = "zh") -> go.Figure:
    """trend_progress over the snapshots of one target year."""
    in_year = trend["报表日期"].map(lambda d: d.year == year).astype(bool)
    return trend_progress(trend.loc[in_year], lang)


def submissions_matrix(submissions: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """报送进度 as a town × report-date matrix, each cell coloured by its 报送状态 (REPORT_COLOURS), with the
    receipt (when, by whom, file, units, change) on hover."""
    statuses = list(REPORT_COLOURS)
    towns = list(dict.fromkeys(submissions["街镇"]))
    dates = sorted(str(d) for d in dict.fromkeys(submissions["报表日期"]))  # months left to right
    code = {s: i for i, s in enumerate(statuses)}
    cell = {(str(r["报表日期"]), r["街镇"]): r for r in submissions.to_dict("records")}
    z, text, hover = [], [], []
    for town in towns:
        zr, tr, hr = [], [], []
        for d in dates:
            r = cell.get((d, town))
            st = r["报送状态"] if r else None
            zr.append(code.get(st) if st else None)
            tr.append(value(st, lang) if st else "")
            if r and pd.notna(r["报送时间"]):
                change = "" if pd.isna(r["较上期变化"]) else f"{int(r['较上期变化']):+,}"
                hr.append(f"{town} {d}<br>{value(str(st), lang)} · {label('报送时间', lang)} {r['报送时间']:%Y-%m-%d %H:%M}"
                          f"<br>{label('报送人', lang)} {r['报送人'] or ''} · {r['文件名'] or ''}"
                          f"<br>{label('单位数', lang)} {int(r['单位数']):,} {change}")
            else:
                hr.append(f"{town} {d}<br>{value(st, lang) if st else ''} · {label('截止日期', lang)} {r['截止日期'] if r else ''}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    n = len(statuses)
    scale = []
    for i, s in enumerate(statuses):  # a discrete colour scale: one band per status
        scale += [[i / n, REPORT_COLOURS[s]], [(i + 1) / n, REPORT_COLOURS[s]]]
    fig = go.Figure(go.Heatmap(z=z, x=[d[:7] for d in dates], y=towns, zmin=-0.5, zmax=n - 0.5, colorscale=scale,
                               showscale=False, text=text, texttemplate="%{text}", textfont={"size": 12, "color": "white"},
                               hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", xgap=2, ygap=2))
    for s in statuses:  # a legend of the four states
        fig.add_scatter(x=[None], y=[None], mode="markers", marker={"size": 12, "color": REPORT_COLOURS[s], "symbol": "square"},
                        name=value(s, lang), showlegend=True)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    _layout(fig, height=max(360, 34 * len(towns) + 140))
    # the months are along the top: the legend goes below
    fig.update_layout(plot_bgcolor="white", legend={"orientation": "h", "y": -0.04, "x": 0, "yanchor": "top"})
    return fig


# issue 27 — targets with a 范围 (unionboard.scopes.scope_table)
def scope_targets(table: pd.DataFrame, lang: str = "zh", *, big: bool = False) -> go.Figure:
    """Each scope against its targets (unionboard.scopes.scope_table): on the left a count's completion (%) as a
    bar in its status colour, a dashed line at 100% (the target) and a mark at 序时进度; on the right a rate (%) as a
    bar, green at or above its target and red below, with a mark at the target. One bar per scope and indicator.
    `big`: larger type and bars, for meeting mode's projector."""
    size = 22 if big else 14
    from plotly.subplots import make_subplots

    from .scopes import COUNTS, RATE_WORDS, RATES, SCOPE
    from .status import GREEN, RED

    counts, rates = [], []  # (bar label, value, mark, colour, text)
    for row in table.to_dict("records"):
        schedule = row["序时进度(%)"]
        for actual, target, done in COUNTS:
            if pd.notna(row[target]) and pd.notna(row[done]):
                counts.append((f"{row[SCOPE]} · {label(actual, lang)}", float(row[done]), float(schedule),
                               colour_of(row[done], schedule),
                               msg("chart_scope_count_text", lang, actual=f"{float(row[actual]):,.0f}",
                                   target=f"{float(row[target]):,.0f}", done=f"{row[done]:.2f}")))  # the tables' 2 decimals
        for actual, target, gap in RATES:
            if pd.notna(row[target]) and pd.notna(row[actual]):
                rates.append((f"{row[SCOPE]} · {msg(RATE_WORDS[actual], lang)}",
                              float(row[actual]), float(row[target]), GREEN if row[gap] >= 0 else RED,
                              msg("chart_scope_rate_text", lang, actual=f"{row[actual]:.2f}", gap=f"{row[gap]:+.2f}")))
    panels = [(items, title) for items, title in ((counts, "chart_scope_counts"), (rates, "chart_scope_rates")) if items]
    if not panels:
        return _layout(go.Figure(), height=200)
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[msg(t, lang) for _, t in panels],
                        horizontal_spacing=0.22)
    for col, (items, title) in enumerate(panels, start=1):
        names = [i[0] for i in items][::-1]  # the first scope at the top
        items = items[::-1]
        fig.add_bar(y=names, x=[i[1] for i in items], orientation="h", marker_color=[i[3] for i in items],
                    # the words at the bar's start (its marks are near its end); beside a bar too short to hold them
                    text=[i[4] for i in items], textposition=["inside" if i[1] >= 30 else "outside" for i in items],
                    insidetextanchor="start", insidetextfont={"color": "white", "size": size},
                    outsidetextfont={"color": DARK, "size": size}, cliponaxis=False, showlegend=False,
                    hovertemplate="%{y}<br>%{text}<extra></extra>", row=1, col=col)
        mark = "chart_schedule" if title == "chart_scope_counts" else "chart_scope_target"
        fig.add_scatter(y=names, x=[i[2] for i in items], mode="markers", name=msg(mark, lang), showlegend=False,
                        marker={"symbol": "line-ns", "size": 34, "color": DARK, "line": {"width": 4, "color": DARK}},
                        hovertemplate="%{y}<br>" + msg(mark, lang) + " %{x:.2f}%<extra></extra>", row=1, col=col)
        if title == "chart_scope_counts":  # the target itself: 100%
            fig.add_vline(x=100, line={"color": GREY, "dash": "dash", "width": 1}, row=1, col=col)
        # room beside the longest bar for its words
        top = max(100.0, *(i[2] * 1.05 for i in items), *(i[1] * 1.05 for i in items))
        fig.update_xaxes(ticksuffix="%", range=[0, top], row=1, col=col)
    fig.update_yaxes(automargin=True, showgrid=False)
    fig.update_annotations(font={"size": size + 1})
    fig.update_yaxes(tickfont={"size": size - 1 if big else 12})
    if big:  # every text of a meeting slide at least PROJECTOR_TEXT px, the axes' ticks too (issue 22)
        fig.update_xaxes(tickfont={"size": max(PROJECTOR_TEXT, size - 2)})
    _layout(fig, height=max(260, (90 if big else 60) * max(len(counts), len(rates)) + 110))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10}, bargap=0.35)
    return fig


PROJECTOR_TEXT = 20  # px: the smallest chart text in 会议模式, read from the back of a room (issue 22 asks ≥ 18)


def projector(fig: go.Figure) -> go.Figure:
    """A copy of a chart for a projector (会议模式): every text at least PROJECTOR_TEXT px — ticks, axis titles,
    legend, bar labels, hover — its legend above the plot, no title inside (the slide has one) and no height of
    its own (it fills the box the slide gives it)."""
    big = go.Figure(fig)
    big.layout.height = None
    size = PROJECTOR_TEXT
    big.update_layout(font={"size": size}, title=None, margin={"l": 10, "r": 20, "t": 70, "b": 10},
                      legend={"font": {"size": size}, "title": {"font": {"size": size}}, "orientation": "h", "y": 1.02, "yanchor": "bottom",
                              "x": 0},
                      hoverlabel={"font": {"size": size}}, uniformtext={"minsize": size - 2, "mode": "show"})
    big.update_xaxes(tickfont={"size": size}, title_font={"size": size})
    big.update_yaxes(tickfont={"size": size}, title_font={"size": size})
    big.update_traces(textfont={"size": size - 2}, selector={"type": "bar"})  # upright labels stay upright
    return big
