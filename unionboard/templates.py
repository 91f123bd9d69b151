"""Fill-in templates (DATA-FORMAT.md "Templates (填报模板)"): a workbook a town fills in and sends back.

One data sheet named after the kind (so `import auto` recognises it) with the header in row 1,
frozen, sensible widths, dropdowns (data validation) for every column with a fixed list of values
and for the town names (for a 街镇 account, its own town), whole-number, date and length validation;
and an instructions sheet listing every column's rule in the words of DATA-FORMAT.md, with the
lists the dropdowns take their values from. Everything a column needs is on the column (unionboard.kind.Col:
its type, values, bounds, rule words, the dictionary its dropdown lists); a kind with a `prefill` (units)
is pre-filled for one town (its latest report), so a town updates last month's roster.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from .i18n import msg, pick
from .kind import DISTRICT  # issue 27
from .kinds import DISTRICT_ORGANISER, INSTRUCTION_SHEETS, KINDS, OUTSIDE, Col, Kind
from .sql import execute, load_sql
from .store import connect_read
from .views import town_lookup

# (required, rule) of each column as DATA-FORMAT.md words them (tests compare them with the document).
SPEC_RULES: dict[str, dict[str, tuple[str, str]]] = {k.key: {c.key: c.spec for c in k.cols} for k in KINDS.values()}

# The same words in Chinese for the instructions sheet, where several kinds share them (a kind's own
# words are on its columns: Col.rule_zh, Col.required_when_zh).
_ZH_REQUIRED = {"yes": "必填", "no": "选填"}
_ZH_RULES = {
    "unique": "不得重复", "known town": "已知街镇（可用别名，如「安亭」）",
    "known building of that town": "该街镇已登记的楼宇", "date": "日期（如 2015-06-30、2015/6/30、2015年6月30日）",
    "integer ≥ 0": "≥ 0 的整数", "integer": "整数", "known town, or 区外": "已知街镇，或「区外」", "": "",
}
# The instructions sheet's general lines (their words are in the catalog).
_GENERAL = ("template_general_header", "template_general_values", "template_general_layout", "template_general_upload")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_FIRST_DATE, _LAST_DATE = dt.date(1949, 10, 1), dt.date(2100, 12, 31)
_WIDTHS = {"credit_code": 22, "name": 30, "federation": 26, "building": 20, "area": 14, "place": 22, "aliases": 20}


def rule_text(kind: str, key: str, lang: str = "zh") -> tuple[str, str]:
    """(required, rule) of a column, in the words of DATA-FORMAT.md (translated for Chinese)."""
    col = KINDS[kind].col(key)
    required, rule = col.spec
    zh = col.rule_zh or _ZH_RULES.get(rule)
    if zh is None:  # an enumeration: its values
        zh = "从下拉列表选择：" + rule.replace(" / ", "、")
    return pick((col.required_when_zh or _ZH_REQUIRED[required], required), lang), pick((zh, rule), lang)


def _choices(col: Col, towns: list[str], federations: list[str], buildings: list[str],
             areas: list[str] | None = None) -> list[str]:
    """The values a dropdown offers for a column (empty: no dropdown)."""
    if col.ptype == "enum":
        return list(col.values)
    if col.ptype == "bool":
        return ["是", "否"]
    if col.ptype == "town":
        return towns
    if col.ptype == "town_or_outside":
        return [*towns, OUTSIDE]
    if col.ptype == "town_or_district":  # issue 27
        return [*towns, DISTRICT]
    if col.ptype == "organiser":
        return [DISTRICT_ORGANISER, *towns]
    # a column naming a known federation, building or (issue 24) area (the federations kind names new federations)
    return {"federations": federations, "buildings": buildings, "areas": areas or []}.get(col.lists or "", [])


def template_bytes(kind: str, towns: list[str], *, lang: str = "zh", rows: pd.DataFrame | None = None,
                   federations: list[str] | None = None, buildings: list[str] | None = None,
                   areas: list[str] | None = None) -> bytes:
    """The template workbook of `kind`: towns offered in its dropdowns, optionally pre-filled `rows`
    (columns named by the kind's keys)."""
    k: Kind = KINDS[kind]
    cols = list(k.cols)
    n_rows = max(2000, (0 if rows is None else len(rows)) + 1000)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = pick((k.zh, k.key), lang)
    help_ws = wb.create_sheet(pick(INSTRUCTION_SHEETS, lang))
    lists_at = _instructions(help_ws, k, lang)
    ws.append([c.zh for c in cols])
    for i, c in enumerate(cols, start=1):
        cell = ws.cell(1, i)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if c.required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        required, rule = rule_text(kind, c.key, lang)
        cell.comment = Comment(msg("labelled", lang, label=required, text=rule), "unionboard", width=260, height=90)
        letter = get_column_letter(i)
        width = _WIDTHS.get(c.key, max(10, len(c.zh) * 2 + 4))
        ws.column_dimensions[letter].width = width
        area = f"{letter}2:{letter}{n_rows + 1}"
        choices = _choices(c, towns, federations or [], buildings or [], areas)
        if choices:
            source = lists_at(c.zh, choices)
            dv = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False)
        elif c.ptype == "int":
            low = 1 if c.positive else int(c.min_value if c.min_value is not None else 0)
            dv = DataValidation(type="whole", operator="between", formula1=str(low),
                                formula2="2100" if c.key == "year" else "100000000", allow_blank=True)
        elif c.ptype == "number":
            dv = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True)
        elif c.ptype == "date":
            dv = DataValidation(type="date", operator="between", formula1=str(int(to_excel(_FIRST_DATE))),
                                formula2=str(int(to_excel(_LAST_DATE))), allow_blank=True)
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        elif c.ptype == "code":
            dv = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True)
            ws.column_dimensions[letter].number_format = "@"  # text: an all-digit code must not become 9.13E+17
        else:
            continue
        dv.error = msg("labelled", lang, label=c.zh, text=rule)
        dv.errorTitle = c.zh
        dv.prompt = rule
        dv.promptTitle = c.zh
        dv.showErrorMessage = True
        dv.showInputMessage = True
        dv.add(area)
        ws.add_data_validation(dv)
    if rows is not None:
        _prefill(ws, cols, rows)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _instructions(ws, kind: Kind, lang: str):  # noqa: ANN001, ANN202 - an openpyxl sheet; returns a function
    """Fill the instructions sheet; returns a function that writes a dropdown's values there and gives
    the range the dropdown refers to (a range rather than an inline list: no 255-character limit)."""
    title = msg("template_help_title", lang, zh=kind.zh, code=kind.key)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    for key in _GENERAL:
        ws.append([msg(key, lang)])
    ws.append([])
    head = [msg(key, lang) for key in ("template_head_column", "template_head_key", "template_head_required",
                                       "template_head_rule")]
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for c in kind.cols:
        required, rule = rule_text(kind.key, c.key, lang)
        ws.append([c.zh, c.key, required, rule])
    for letter, width in zip("ABCD", (16, 18, 22, 70), strict=True):
        ws.column_dimensions[letter].width = width
    sheet = ws.title
    used = {"col": 6}  # lists from column F on

    def lists_at(name: str, values: list[str]) -> str:
        col = used["col"]
        used["col"] += 1
        letter = get_column_letter(col)
        ws.cell(1, col, name).font = Font(bold=True)
        for r, v in enumerate(values, start=2):
            ws.cell(r, col, v)
        ws.column_dimensions[letter].width = max(12, max(len(v) for v in values) * 2 + 2)
        return f"'{sheet}'!${letter}$2:${letter}${len(values) + 1}"

    return lists_at


def _prefill(ws, cols: list[Col], rows: pd.DataFrame) -> None:  # noqa: ANN001 - an openpyxl sheet
    """Write a report's rows under the header: dates as dates, counts as numbers, 是/否 for booleans."""
    for r, record in enumerate(rows.itertuples(index=False), start=2):
        values = record._asdict()
        for i, c in enumerate(cols, start=1):
            v = values.get(c.key)
            if v is None or (not isinstance(v, list | tuple) and pd.isna(v)):
                continue
            if c.ptype == "bool":
                v = "是" if bool(v) else "否"
            elif c.ptype == "date":
                v = pd.Timestamp(v).date()
            elif c.ptype == "int":
                v = int(v)
            elif hasattr(v, "item"):
                v = v.item()
            cell = ws.cell(r, i, v)
            if isinstance(v, str):
                cell.data_type = "s"  # text stays text, whatever it starts with
            if c.ptype == "date":
                cell.number_format = "yyyy-mm-dd"


def town_template(db: Path, kind: str, town: str | None = None, *, lang: str = "zh",
                  as_of: dt.date | None = None) -> bytes:
    """The template of `kind` for the database's towns, or for one town (`units`: pre-filled with its
    latest report on or before `as_of`). A town not in the dictionary raises KeyError."""
    con = connect_read(db)
    try:
        towns, lookup = town_lookup(con)
        if town is not None:
            town = lookup[town]
            towns = [town]
        feds = [r[0] for r in execute(con, load_sql("template_federations"), {"town": town})]
        blds = [r[0] for r in execute(con, load_sql("template_buildings"), {"town": town})]
        prefill = KINDS[kind].prefill
        rows = prefill(con, town, as_of) if prefill is not None and town is not None else None
        # issue 24: a column listing areas (targets' 村居园区) offers the town's (or every town's) areas
        areas = (sorted({a for _, a in execute(con, load_sql("template_areas"), {"town": town})})
                 if any(c.lists == "areas" for c in KINDS[kind].cols) else None)
    finally:
        con.close()
    return template_bytes(kind, towns, lang=lang, rows=rows, federations=feds, buildings=blds, areas=areas)


def template_name(kind: str, town: str | None = None) -> str:
    """The file name a template is offered under: 单位名册_填报模板[_安亭镇].xlsx."""
    return f"{KINDS[kind].zh}_填报模板{'_' + town if town else ''}.xlsx"
