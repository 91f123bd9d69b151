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
from typing import Any

import pandas as pd

from .accounts import view_towns
from .export import clean_frame, clean_text, xlsx_bytes
from .i18n import canonical, msg
from .scopes import SCOPE_SOURCE_VIEWS  # issue 27
from .scopes import briefing_blocks as scope_briefing_blocks
from .status import BLUE, DARK, LAGGING, PURPLE, WARNING, colour_of
from .store import connect_read
from .summary import FINDINGS, double_half, fmt_int, fmt_pct, rank_towns, schedule_of, status_counts, towns_without_target
from .summary import briefing as summary_text
from .views import VIEWS, Filters, ViewResult, get_view_con, localize

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei"]


def views_for(db: Path, filters: Filters, names: list[str], lang: str = "zh",
              unit_towns: list[str] | None = None) -> dict[str, ViewResult]:
    """Several views from one read connection (one consistent database state).

    With `unit_towns` (a 街镇 account), the unit lists and their counts are of those towns only.
    """
    con = connect_read(db)
    try:
        # issue 28: a 街镇 account's roster check shows no other town's values (viewer_towns)
        return {n: get_view_con(con, n, dataclasses.replace(filters, towns=view_towns(n, filters.towns, unit_towns),
                                                            viewer_towns=list(unit_towns) if unit_towns else None),
                                lang) for n in names}
    finally:
        con.close()


# Where a CJK font's file is on the systems the dashboard runs on (Debian/Ubuntu fonts-noto-cjk first). The
# 通报's charts load the font from its file (issue 22): matplotlib's font cache may have been written before the
# CJK fonts were installed, and then a family name finds nothing and every Chinese label is an empty box.
CJK_FONT_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch, Alpine
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]
SAMPLE = "工会组建进度"  # characters a font must have to draw the 通报's labels


def _has_cjk(path: str) -> bool:
    """Whether the font file exists and has glyphs for Chinese text."""
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(face.get_char_index(ord(ch)) for ch in SAMPLE)


def cjk_font_file() -> str | None:
    """The file of a CJK font on this machine: a known path, else what fontconfig's fc-match names for Chinese
    (checked for Chinese glyphs: fc-match answers with some font even when none has them)."""
    import shutil
    import subprocess

    for path in CJK_FONT_FILES:
        if Path(path).is_file() and _has_cjk(path):
            return path
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"], capture_output=True,
                                   text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and _has_cjk(found):
            return found
    return None


def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib draws with, loaded from its file (cjk_font_file), whatever state
    matplotlib's font cache is in; its Simplified Chinese face when the file holds several (a .ttc)."""
    from matplotlib import font_manager

    path = cjk_font_file()
    if path is None:
        return None
    known = {(f.fname, f.name) for f in font_manager.fontManager.ttflist}
    if not any(fname == path for fname, _ in known):
        font_manager.fontManager.addfont(path)  # every face of a collection, by its family name
    names = [f.name for f in font_manager.fontManager.ttflist if f.fname == path]
    return next((n for n in CJK_FONTS if n in names), names[0] if names else None)


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


def town_chart_png(rows: pd.DataFrame) -> bytes:
    """Completion by town against 序时进度 (the towns view's rows), bars coloured by each indicator's status."""
    plt = _plt()
    schedule = schedule_of(rows)
    fig, ax = plt.subplots(figsize=(10, 4.2))
    x = range(len(rows))
    for offset, col, hatch in ((-0.2, "新建会单位数完成率(%)", ""), (0.2, "新发展会员数完成率(%)", "//")):
        vals = rows[col].astype(float).fillna(0).tolist()
        colours = [colour_of(v, schedule) for v in vals]
        ax.bar([i + offset for i in x], vals, width=0.4, color=colours, hatch=hatch, edgecolor="white",
               label=col.replace("(%)", ""))
    # the line beneath the bars and its label in the legend: a label in the plot sat on a bar (issue 22)
    ax.axhline(schedule, color=DARK, linestyle="--", linewidth=1.5, zorder=0, label=f"序时进度 {schedule:.2f}%")
    ax.set_xticks(list(x))
    ax.set_xticklabels(rows["街镇"], rotation=30, ha="right", fontsize=10)
    ax.set_ylabel("完成率(%)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def trend_chart_png(trend: pd.DataFrame, year: int) -> bytes:
    """建会率 and 入会率 over the snapshots of the year."""
    plt = _plt()
    rows = trend.loc[trend["报表日期"].map(lambda d: d.year == year).astype(bool)].sort_values("报表日期")  # left to right
    fig, ax = plt.subplots(figsize=(10, 3.4))
    labels = [d.isoformat()[5:] for d in rows["报表日期"]]
    # series told apart by marker and dash as well as colour (a grey-scale print, a colour-blind reader)
    for col, colour, style, marker in (("新建会单位数完成率(%)", BLUE, "-", "o"), ("新发展会员数完成率(%)", PURPLE, "-.", "s"),
                                       ("序时进度(%)", DARK, "--", "")):
        ax.plot(labels, rows[col].astype(float), style, marker=marker or None, color=colour, label=col.replace("(%)", ""))
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
    reported = set(r.used) - set(r.missing)  # towns never reported are named once, above
    for indicator in ("新建会单位数", "新发展会员数"):
        names = [t for t in towns_without_target(towns, indicator) if t in reported]
        if names and len(names) < len(reported):
            text += f"{'、'.join(names)}未下达{indicator}目标，不计入合计完成率。"
    no_base = [t for t in r.no_base if t in reported]
    if no_base:
        text += f"{'、'.join(no_base)}无上年末基期报表，新发展会员数未计。"
    return text


BRIEFING_VIEWS = ["towns", "trend", "dynamics", "followup", "submissions", "changes-by-town", "changes"]
BRIEFING_VIEWS += list(SCOPE_SOURCE_VIEWS)  # issue 27: the scopes' targets


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _change(v: Any, unit: str, points: bool = False) -> str:  # noqa: ANN401 - a cell
    """同比 in words: 增加12家 / 减少0.35个百分点 / 持平."""
    n = None if v is None or pd.isna(v) else float(v)
    if n is None:
        return ""
    if n == 0:
        return "持平"
    word = "增加" if n > 0 else "减少"
    return f"{word}{abs(n):.2f}个百分点" if points else f"{word}{fmt_int(abs(n))}{unit}"


def compose(v: dict[str, ViewResult]) -> list[tuple[str, Any]]:
    """The 通报 as blocks — ("title" | "subtitle" | "para" | "heading" | "note", text), ("table", DataFrame),
    ("picture", PNG bytes) — every number taken from the views `v` (BRIEFING_VIEWS)."""
    towns, trend = v["towns"], v["trend"]
    r = towns.resolved
    snap, total = r.snapshot, towns.total
    assert total is not None  # the towns view always has its 合计 row
    now = trend.df.iloc[0]  # the trend is newest first
    scope = "、".join(r.towns) if r.towns else "全区"
    groups = status_counts(towns)
    dh = double_half(towns)
    blocks: list[tuple[str, Any]] = [  # the text, table or picture of each kind of block
        ("title", f"关于截至{_date(snap)}{'' if scope == '全区' else scope}工会组建工作进展情况的通报"),
        ("subtitle", f"（数据截至{_date(snap)}）"),
        ("salutation", "各街镇总工会："),
        ("para", summary_text(towns)),
        ("note", data_note(towns)),
        ("heading", "一、总体情况"),
    ]
    yoy_date = now["同比报表日期"]
    if pd.notna(yoy_date):
        yoy = (f"与上年同期（{_date(yoy_date)}）相比，在营单位{_change(now['在营单位数同比'], '家')}，已建会单位"
               f"{_change(now['已建会单位数同比'], '家')}，建会率{_change(now['建会率同比(百分点)'], '', True)}，会员"
               f"{_change(now['会员人数同比'], '人')}，入会率{_change(now['入会率同比(百分点)'], '', True)}；今年以来新建会单位数较上年同期"
               f"{_change(now['新建会单位数同比'], '家')}。")
    else:
        yoy = "上年同期无报表数据，暂不作同比。"
    blocks.append(("para", f"{scope}在营单位{fmt_int(total['在营单位数'])}家，已建会单位{fmt_int(total['已建会单位数'])}家，"
                           f"建会率{fmt_pct(total['建会率(%)'])}；职工{fmt_int(total['职工人数'])}人，会员{fmt_int(total['会员人数'])}人，"
                           f"入会率{fmt_pct(total['入会率(%)'])}；农民工{fmt_int(total['农民工人数'])}人，其中会员"
                           f"{fmt_int(total['农民工会员数'])}人，农民工入会率{fmt_pct(total['农民工入会率(%)'])}。{yoy}"
                           f"序时进度{fmt_pct(total['序时进度(%)'])}，{dh.text('zh')}。"))
    blocks.append(("picture", trend_chart_png(trend.df, r.year)))
    blocks.append(("heading", "二、各街镇进展"))
    ranking = rank_towns(towns)
    ranked = "、".join(f"{t}（{fmt_pct(a)}/{fmt_pct(b)}）" for t, a, b, n in zip(
        ranking["街镇"], ranking["新建会单位数完成率(%)"], ranking["新发展会员数完成率(%)"], ranking["排名"], strict=True)
        if pd.notna(n))
    if ranked:
        blocks.append(("para", f"按新建会单位数、新发展会员数两项完成率中较低一项排名（括号内依次为两项完成率），各街镇依次为：{ranked}。"))
    slow = []
    if groups[LAGGING]:
        slow.append(f"{'、'.join(groups[LAGGING])}{len(groups[LAGGING])}个街镇进度滞后（低于序时进度的80%）")
    if groups[WARNING]:
        slow.append(f"{'、'.join(groups[WARNING])}{len(groups[WARNING])}个街镇慢于序时进度、处于预警")
    blocks.append(("para", ("；".join(slow) + "。") if slow else "各街镇均达到序时进度。"))
    blocks.append(("picture", town_chart_png(towns.rows)))
    cols = ["排名", "街镇", "在营单位数", "已建会单位数", "建会率(%)", "新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)",
            "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "进度状态"]
    table = pd.concat([ranking[cols], pd.DataFrame([{**total, "排名": None}])[cols]], ignore_index=True)
    blocks.append(("table", table))
    blocks += scope_briefing_blocks(v)  # issue 27: industries, 两新组织, 世界500强 and 商务楼宇 against their targets

    blocks.append(("heading", "三、存在问题"))
    sub = v["submissions"].df
    latest = sub[sub["报表日期"] == max(sub["报表日期"])] if len(sub) else sub
    missing = latest.loc[latest["报送状态"] == "未报送", "街镇"].tolist()
    late = latest.loc[latest["报送状态"] == "逾期", "街镇"].tolist()
    n = 1
    if missing or late:
        text = f"（{n}）报送不及时。{_date(max(sub['报表日期']))}名册"
        text += f"，{'、'.join(missing)}未报送，数据沿用此前报表" if missing else ""
        text += f"，{'、'.join(late)}逾期报送" if late else ""
        blocks.append(("para", text + "。"))
        n += 1
    checks = v["changes-by-town"]
    found = checks.rows[checks.rows["合计"].fillna(0) > 0]
    if len(found):
        assert checks.total is not None  # changes-by-town has its 合计 row
        found_text = "；".join(f"{row['街镇']}{int(row['合计'])}项（" + "、".join(
            f"{k}{int(row[k])}" for k in FINDINGS if row[k]) + "）" for row in found.to_dict("records"))
        blocks.append(("para", f"（{n}）名册变动未报动态。将各街镇本期与上期名册逐一比对，发现{int(checks.total['合计'])}"
                               f"项变动无企业动态可以解释：{found_text}。"))
        n += 1
        blocks.append(("para", _explained_para(checks, v["changes"].df)))  # issue 25: 待说明 / 已说明
    follow = v["followup"].df
    order = {t: i for i, t in enumerate(towns.df["街镇"])}  # towns in dictionary order
    by_town = (follow.groupby("街镇", sort=False)["未转接会员数"].agg(["count", "sum"])
               .sort_index(key=lambda idx: idx.map(lambda t: order.get(t, len(order)))))
    if len(follow):
        dyn = v["dynamics"].total or {}
        detail = "、".join(f"{t}{int(c)}家{fmt_int(m)}人" for t, (c, m) in by_town.iterrows())
        blocks.append(("para", f"（{n}）会员转接不到位。今年以来企业关闭{fmt_int(dyn.get('关闭'))}家、迁出{fmt_int(dyn.get('迁出'))}家，"
                               f"工会撤销{fmt_int(dyn.get('撤销工会'))}家、转移接续{fmt_int(dyn.get('转移接续'))}家，会员转接率"
                               f"{fmt_pct(dyn.get('会员转接率(%)'))}；其中{len(follow)}家单位的{fmt_int(follow['未转接会员数'].sum())}"
                               f"名会员未完成转接（{detail}），“不断线、会员不流失”的要求尚未落实。"))
        n += 1
    if n == 1:
        blocks.append(("para", "本期未发现报送、名册变动和会员转接方面的突出问题。"))

    blocks.append(("heading", "四、下一步工作要求"))
    asks = []
    behind = groups[LAGGING] + groups[WARNING]
    if behind:
        asks.append(f"{'、'.join(behind)}要对照目标责任书分析进度慢的原因，制定推进措施，聚焦25人以上未建会单位、商务楼宇和“两新”组织，"
                    "加快新建工会和发展会员，确保完成年度目标任务。")
    if missing or late:
        due = (latest["截止日期"].iloc[0] - latest["报表日期"].iloc[0]).days
        asks.append(f"{'、'.join(missing + late)}要按时报送单位名册（报表日期后{due}天内），未报送的请尽快补报。")
    changes = v["changes"].df
    if len(changes):  # which towns must check which units (the first three named)
        per_town: list[str] = []
        for town, rows in changes.groupby("街镇", sort=False):
            units = list(dict.fromkeys(rows["单位名称"]))
            per_town.append(f"{town}{len(units)}家（{'、'.join(units[:3])}{'等' if len(units) > 3 else ''}）")
        asks.append(f"名册核对发现问题的街镇要逐一核实有关单位，补报企业动态或更正名册，确保工会组织不断线：{'；'.join(per_town)}。")
    if len(follow):
        per_town = []
        for town, (count, lost) in by_town.iterrows():
            units = follow.loc[follow["街镇"] == town, "单位名称"].tolist()
            per_town.append(f"{town}{int(count)}家{fmt_int(lost)}人（{'、'.join(units[:3])}{'等' if len(units) > 3 else ''}）")
        asks.append(f"关闭、迁出单位所在街镇要跟踪未转接的会员，做好会员组织关系转接，做到会员不流失：{'；'.join(per_town)}。")
    unexplained = changes[changes["说明状态"] == "待说明"] if len(changes) else changes
    if len(unexplained):  # issue 25: the findings still without the town's explanation
        towns_left = list(dict.fromkeys(unexplained["街镇"]))
        asks.append(f"{'、'.join(towns_left)}要对尚未说明的{len(unexplained)}项名册核对结果逐项作出说明，在数据管理中填报。")
    if not asks:
        asks.append("各街镇要保持工作力度，巩固工会组建成果，确保全年目标任务按时完成。")
    for i, ask in enumerate(asks, start=1):
        blocks.append(("para", f"{i}. {ask}"))
    return blocks


def docx_bytes(db: Path, filters: Filters, issuer: str = "嘉定区总工会", unit_towns: list[str] | None = None) -> bytes:
    """The 通报 as a Word document in the usual official style (GB/T 9704: 小标宋 title, 仿宋 body).

    `unit_towns`: see views_for (a 街镇 account's 通报 names the units of its own town only). Text is
    cleaned of control characters (Word cannot hold them).
    """
    from docx import Document
    from docx.shared import Cm, Pt

    v = views_for(db, filters, BRIEFING_VIEWS, unit_towns=unit_towns)
    # issue 24: the 通报 of one town covers its areas; so does a 街镇 account's (its own town's areas)
    picked = v["towns"].resolved.towns
    area_town = picked[0] if len(picked) == 1 else (unit_towns[0] if unit_towns and len(unit_towns) == 1 else None)
    areas = (views_for(db, dataclasses.replace(filters, towns=[area_town]), ["area-progress"],
                       unit_towns=unit_towns)["area-progress"] if area_town else None)
    for res in [*v.values(), *([areas] if areas is not None else [])]:
        res.df = clean_frame(res.df)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4 (python-docx's default is US Letter)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    for kind, content in with_area_blocks(compose(v), areas):  # areas: issue 24
        if kind == "title":
            _para(doc, content, size=22, font="方正小标宋简体", align="center", indent=False)
        elif kind == "subtitle":
            _para(doc, content, size=16, font="楷体_GB2312", align="center", indent=False)
        elif kind == "salutation":
            _para(doc, content, indent=False)
        elif kind == "heading":
            _para(doc, content, font="黑体")
        elif kind == "note":
            _para(doc, content, size=14)
        elif kind == "picture":
            doc.add_picture(io.BytesIO(content), width=Cm(15.5))
        elif kind == "table":
            _table(doc, content)
        else:
            _para(doc, content)
    _para(doc, issuer, align="right", indent=False)
    _para(doc, _date(dt.date.today()), align="right", indent=False)
    for p in doc.paragraphs:
        p.paragraph_format.space_after = Pt(0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc, df: pd.DataFrame) -> None:  # noqa: ANN001 - a docx Document
    """A table in the 通报: header in 黑体, rates without the % sign (the header says %), the last row (合计) bold."""
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, df.columns, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(str(name)), 9, "黑体", True)
    last = len(df) - 1
    for n, row in enumerate(df.itertuples(index=False)):
        cells = table.add_row().cells
        for cell, name, val in zip(cells, df.columns, row, strict=True):
            text = "" if pd.isna(val) else (fmt_pct(val)[:-1] if str(name).endswith("(%)") else
                                            fmt_int(val) if not isinstance(val, str) else val)
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), 9, "仿宋_GB2312", n == last)


def workbook_bytes(db: Path, filters: Filters, lang: str = "zh", unit_towns: list[str] | None = None) -> bytes:
    """Every view as one sheet of an Excel workbook (text cells kept as text); `unit_towns`: see views_for."""
    # issue 24: a view about one town (area-progress) is a sheet when one town is picked
    names = [n for n in VIEWS if not VIEWS[n].one_town or len(filters.towns) == 1]
    v = views_for(db, filters, names, "zh", unit_towns)
    return xlsx_bytes({(res.title if canonical(lang) else name): localize(res.df, lang) for name, res in v.items()})


# ---- issue 25: the towns' explanations (说明) of the roster check's findings, in 三、存在问题
EXPLAINED_NAMED = 10  # explained units named in the 通报 (the rest counted)


def _explained_para(checks: ViewResult, changes: pd.DataFrame) -> str:
    """How many findings each town has explained (已说明) and not yet (待说明), and the explanations beside their
    units ("安亭镇某公司（工会断线）：企业改制，工会正在重新组建")."""
    found = checks.rows[checks.rows["合计"].fillna(0) > 0]
    total = checks.total or {}
    per_town = "；".join(f"{r['街镇']}待说明{int(r['待说明'])}项、已说明{int(r['已说明'])}项" for r in found.to_dict("records"))
    text = (f"其中街镇已说明{int(total.get('已说明') or 0)}项、待说明{int(total.get('待说明') or 0)}项"
            f"（{per_town}）")
    explained = changes[changes["说明状态"] == "已说明"] if len(changes) else changes
    if len(explained):
        named = [f"{r['街镇']}{r['单位名称']}（{r['核对项']}）：{r['说明']}"
                 for r in explained.head(EXPLAINED_NAMED).to_dict("records")]
        more = f"等{len(explained)}项" if len(explained) > EXPLAINED_NAMED else ""
        text += f"。已说明的有：{'；'.join(named)}{more}"
    return text + "。"


# ---------------------------------------------------------------- issue 24: a town's own 通报 covers its areas

AREA_TABLE = ["排名", "村居园区", "在营单位数", "已建会单位数", "建会率(%)", "新建会单位数", "新建会单位数目标",
              "新建会单位数完成率(%)", "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "进度状态", "双过半"]


def area_blocks(areas: ViewResult) -> list[tuple[str, object]]:
    """The 通报 of one town, on its areas (area-progress): the areas ranked by their lower completion, the lagging
    and warning areas named, 双过半 by area, the whole town against its areas' targets and the district's, a chart and
    a table — the district's 通报 says the same of its towns."""
    lang = "zh"
    rows = areas.rows
    signed = rows[rows["新建会单位数目标"].notna() | rows["新发展会员数目标"].notna()]
    blocks: list[tuple[str, object]] = [("heading", msg("brief_areas_heading", lang, town=areas.resolved.towns[0]))]
    if signed.empty:
        return [*blocks, ("para", msg("brief_areas_none", lang))]
    # rank_towns ranks by the lower completion: the areas under the towns' column name
    as_towns = dataclasses.replace(areas, df=signed.rename(columns={"村居园区": "_area", "街镇": "_town"})
                                   .rename(columns={"_area": "街镇"}), is_total=None, memo={})
    ranking = rank_towns(as_towns).rename(columns={"街镇": "村居园区"})
    ranked = [f"{a}（{fmt_pct(u)}/{fmt_pct(m)}）" for a, u, m, n in zip(
        ranking["村居园区"], ranking["新建会单位数完成率(%)"], ranking["新发展会员数完成率(%)"], ranking["排名"], strict=True)
        if pd.notna(n)]
    if ranked:
        blocks.append(("para", msg("brief_areas_rank", lang, ranked="、".join(ranked))))
    groups = status_counts(as_towns)
    if groups[LAGGING]:
        blocks.append(("para", msg("brief_areas_lagging", lang, areas="、".join(groups[LAGGING]))))
    if groups[WARNING]:
        blocks.append(("para", msg("brief_areas_warning", lang, areas="、".join(groups[WARNING]))))
    judged = signed[signed["双过半"].notna()]
    if len(judged):
        met = judged.loc[judged["双过半"] == "是", "村居园区"].tolist()
        blocks.append(("para", msg("brief_areas_dh", lang, met=len(met), names="、".join(met) or "无",
                                   not_met=len(judged) - len(met))))
    total = areas.total or {}
    blocks.append(("para", msg("brief_areas_total", lang, new_unions=fmt_int(total.get("新建会单位数")),
                               new_members=fmt_int(total.get("新发展会员数")), done_u=fmt_pct(total.get("新建会单位数完成率(%)")),
                               done_m=fmt_pct(total.get("新发展会员数完成率(%)")),
                               t_u=fmt_int(total.get("区下达新建会单位数目标")), t_m=fmt_int(total.get("区下达新发展会员数目标")))))
    blocks.append(("picture", town_chart_png(ranking.rename(columns={"村居园区": "街镇"}))))
    table = pd.concat([ranking[AREA_TABLE], pd.DataFrame([{**total, "排名": None}])[AREA_TABLE]], ignore_index=True)
    blocks.append(("table", table))
    return blocks


def with_area_blocks(blocks: list[tuple[str, Any]], areas: ViewResult | None) -> list[tuple[str, Any]]:
    """The 通报's blocks with a town's areas (area_blocks) after its progress, before 三、存在问题 (at the end if the
    通报 has no such heading)."""
    if areas is None:
        return blocks
    at = next((i for i, (kind, text) in enumerate(blocks) if kind == "heading" and str(text).startswith("三、")),
              len(blocks))
    return blocks[:at] + area_blocks(areas) + blocks[at:]
