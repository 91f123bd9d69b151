"""The 通报 (Word) and the all-views workbook (Excel): what a leader takes out of the meeting.

Every number comes from the views (the same get_view the pages and `export` use); the charts are
drawn with matplotlib in a CJK font (Noto Sans CJK, installed by scripts/setup.sh) so they render
Chinese in the document.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pandas as pd

from .accounts import view_towns
from .export import clean_frame, clean_text, xlsx_bytes
from .store import connect_read
from .summary import briefing as summary_text
from .summary import double_half, fmt_int, fmt_pct, status_counts, total_row, towns_without_target, without_total
from .views import VIEWS, Filters, ViewResult, get_view_con, localize

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei"]
GREEN, AMBER, RED, BLUE, GREY = "#2E7D32", "#F2A900", "#C62828", "#1F4E79", "#B0B7C3"
STATUS = {"达标": GREEN, "预警": AMBER, "滞后": RED}


def views_for(db: Path, filters: Filters, names: list[str], lang: str = "zh",
              unit_towns: list[str] | None = None) -> dict[str, ViewResult]:
    """Several views from one read connection (one consistent database state).

    With `unit_towns` (a 街镇 account), the unit lists and their counts are of those towns only.
    """
    con = connect_read(db)
    try:
        return {n: get_view_con(con, n, dataclasses.replace(filters, towns=view_towns(n, filters.towns, unit_towns)),
                                lang) for n in names}
    finally:
        con.close()


def cjk_font() -> str | None:
    """A CJK font family matplotlib can use, if one is installed."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in names), None)


def _plt():  # noqa: ANN202 - the pyplot module, configured
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    _plt().close(fig)
    return buf.getvalue()


def town_chart_png(towns: pd.DataFrame) -> bytes:
    """Completion by town against 序时进度, bars coloured by each indicator's status."""
    plt = _plt()
    rows = without_total(towns, "街镇")
    schedule = float(towns["序时进度(%)"].dropna().iloc[0]) if towns["序时进度(%)"].notna().any() else 0.0
    fig, ax = plt.subplots(figsize=(10, 4.2))
    x = range(len(rows))
    for offset, col, hatch in ((-0.2, "新建会单位数完成率(%)", ""), (0.2, "新发展会员数完成率(%)", "//")):
        vals = rows[col].astype(float).fillna(0).tolist()
        colours = [GREEN if v >= schedule else AMBER if v >= 0.8 * schedule else RED for v in vals]
        ax.bar([i + offset for i in x], vals, width=0.4, color=colours, hatch=hatch, edgecolor="white",
               label=col.replace("(%)", ""))
    ax.axhline(schedule, color="#37474F", linestyle="--", linewidth=1.5)
    ax.text(-0.6, schedule + 1, f"序时进度 {schedule:.2f}%", ha="left", va="bottom", fontsize=10,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set_xticks(list(x))
    ax.set_xticklabels(rows["街镇"], rotation=30, ha="right", fontsize=10)
    ax.set_ylabel("完成率(%)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def trend_chart_png(trend: pd.DataFrame, year: int) -> bytes:
    """建会率 and 入会率 over the snapshots of the year."""
    plt = _plt()
    rows = trend.loc[trend["报表日期"].map(lambda d: d.year == year).astype(bool)]
    fig, ax = plt.subplots(figsize=(10, 3.4))
    labels = [d.isoformat()[5:] for d in rows["报表日期"]]
    for col, colour in (("新建会单位数完成率(%)", BLUE), ("新发展会员数完成率(%)", "#6FA8DC"), ("序时进度(%)", "#37474F")):
        style = "--" if col.startswith("序时") else "-"
        ax.plot(labels, rows[col].astype(float), style, marker="o", color=colour, label=col.replace("(%)", ""))
    ax.set_ylabel("%")
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


# ------------------------------------------------------------------ Word

def _font(run, size: float, east_asia: str, bold: bool = False) -> None:  # noqa: ANN001
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)


def _para(doc, text: str, *, size: float = 16, font: str = "仿宋_GB2312", bold: bool = False,  # noqa: ANN001
          align: str | None = None, indent: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(clean_text(text)), size, font, bold)


def data_note(towns: ViewResult) -> str:
    """What the figures are made of: the reports used, towns carried forward or missing, towns without a
    target (they take no part in the 合计 完成率), towns without a year-end baseline."""
    r = towns.resolved
    text = f"数据说明：各街镇按截至{r.snapshot.year}年{r.snapshot.month}月{r.snapshot.day}日最近一期报送的单位名册统计。"
    text += "".join(note + "。" for note in r.notes("zh"))
    for indicator in ("新建会单位数", "新发展会员数"):
        names = towns_without_target(towns.df, indicator)
        if names and len(names) < len(towns.df) - 1:
            text += f"{'、'.join(names)}未下达{indicator}目标，不计入合计完成率。"
    if r.no_base:
        text += f"{'、'.join(r.no_base)}无上年末基期报表，新发展会员数未计。"
    return text


def docx_bytes(db: Path, filters: Filters, issuer: str = "嘉定区总工会", unit_towns: list[str] | None = None) -> bytes:
    """The 通报 as a Word document in the usual official style (GB/T 9704: 小标宋 title, 仿宋 body).

    `unit_towns`: see views_for. Text is cleaned of control characters (Word cannot hold them).
    """
    from docx import Document
    from docx.shared import Cm, Pt

    v = views_for(db, filters, ["towns", "trend", "industries", "buildings", "federations", "dynamics", "training"],
                  unit_towns=unit_towns)
    for res in v.values():
        res.df = clean_frame(res.df)
    towns, trend = v["towns"], v["trend"]
    snap = towns.resolved.snapshot
    total = total_row(towns.df, "街镇")
    groups = status_counts(towns.df)
    doc = Document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    date_text = f"{snap.year}年{snap.month}月{snap.day}日"
    scope = "、".join(towns.resolved.towns) if towns.resolved.towns else "全区"
    _para(doc, f"关于截至{date_text}{'' if scope == '全区' else scope}工会组建工作进展情况的通报", size=22,
          font="方正小标宋简体", align="center", indent=False)
    _para(doc, f"（数据截至{date_text}）", size=16, font="楷体_GB2312", align="center", indent=False)
    _para(doc, "各街镇总工会：", indent=False)
    _para(doc, summary_text(snap, towns.df, towns.resolved.towns))
    _para(doc, data_note(towns), size=14)
    _para(doc, "一、总体情况", font="黑体")
    dh = double_half(snap, towns.df)
    _para(doc, f"{scope}在营单位{fmt_int(total['在营单位数'])}家，已建会单位{fmt_int(total['已建会单位数'])}家，"
               f"建会率{fmt_pct(total['建会率(%)'])}；职工{fmt_int(total['职工人数'])}人，会员{fmt_int(total['会员人数'])}人，"
               f"入会率{fmt_pct(total['入会率(%)'])}；农民工{fmt_int(total['农民工人数'])}人，其中会员"
               f"{fmt_int(total['农民工会员数'])}人，农民工入会率{fmt_pct(total['农民工入会率(%)'])}。"
               f"序时进度{fmt_pct(total['序时进度(%)'])}，{dh.text('zh')}。")
    doc.add_picture(io.BytesIO(trend_chart_png(trend.df, towns.resolved.year)), width=Cm(15.5))
    _para(doc, "二、各街镇进展", font="黑体")
    doc.add_picture(io.BytesIO(town_chart_png(towns.df)), width=Cm(15.5))
    cols = ["街镇", "在营单位数", "已建会单位数", "建会率(%)", "新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)",
            "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "进度状态"]
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, cols, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(name), 9, "黑体", True)
    last = len(towns.df) - 1  # the 合计 row (summary.total_row)
    for n, (_, row) in enumerate(towns.df[cols].iterrows()):
        cells = table.add_row().cells
        for cell, name in zip(cells, cols, strict=True):
            val = row[name]
            text = "" if pd.isna(val) else (fmt_pct(val)[:-1] if name.endswith("(%)") else
                                            fmt_int(val) if not isinstance(val, str) else val)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), 9, "仿宋_GB2312", name == "街镇" and n == last)
    _para(doc, "三、存在的问题", font="黑体")
    if groups["滞后"] or groups["预警"]:
        parts = []
        if groups["滞后"]:
            parts.append(f"{'、'.join(groups['滞后'])}等{len(groups['滞后'])}个街镇进度滞后")
        if groups["预警"]:
            parts.append(f"{'、'.join(groups['预警'])}等{len(groups['预警'])}个街镇慢于序时进度、处于预警")
        _para(doc, "；".join(parts) + "。请相关街镇分析原因，制定措施，确保完成年度目标任务。")
    else:
        _para(doc, "各街镇均达到序时进度。")
    dyn = v["dynamics"].df.iloc[-1]
    _para(doc, f"今年以来企业关闭{fmt_int(dyn['关闭'])}家、迁出{fmt_int(dyn['迁出'])}家，工会撤销{fmt_int(dyn['撤销工会'])}家、"
               f"转移接续{fmt_int(dyn['转移接续'])}家，会员转接率{fmt_pct(dyn['会员转接率(%)'])}。"
               "请做好会员转接工作，做到“不断线、会员不流失”。")
    _para(doc, "四、下一步工作要求", font="黑体")
    _para(doc, "各街镇要对照目标责任书，聚焦25人以上未建会单位、商务楼宇和“两新”组织，加快推进工会组建和会员发展，"
               "确保全年目标任务按时完成。")
    _para(doc, issuer, align="right", indent=False)
    _para(doc, f"{dt.date.today().year}年{dt.date.today().month}月{dt.date.today().day}日", align="right", indent=False)
    for p in doc.paragraphs:
        p.paragraph_format.space_after = Pt(0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def workbook_bytes(db: Path, filters: Filters, lang: str = "zh", unit_towns: list[str] | None = None) -> bytes:
    """Every view as one sheet of an Excel workbook (text cells kept as text); `unit_towns`: see views_for."""
    v = views_for(db, filters, list(VIEWS), "zh", unit_towns)
    return xlsx_bytes({(res.title if lang != "en" else name): localize(res.df, lang) for name, res in v.items()})
