"""Writers for test fixtures in the formats towns send: XLSX (openpyxl), XLS (xlwt), ODS and HTML-as-XLS.

Each takes sheets as lists of rows (None = empty cell) plus the layout a person gives them: merged
ranges, hidden rows and columns, hidden sheets. Rows and columns are 1-based, as Excel shows them.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from html import escape
from xml.sax.saxutils import quoteattr

import openpyxl
from openpyxl.utils import get_column_letter

from conftest import A1, A2, A3, A4

Rows = list[list[object]]
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)

# The sheet a town office sends (issue 13): a merged title, the reporting unit and date, a two-row header
# with merged group titles, 序号, the town merged down the body, a 合计 row, a footer.
TITLE = "马陆镇2015年7月单位建会情况统计表"
UPPER = ["序号", "统一社会信用代码", "单位名称", "街镇", "村居园区", "行业类别", "单位类型", "职工\n人数（人）", "其中",
         "经营状态", "建会情况", "建会日期", "会员情况", None, None, "备注"]
LOWER = [None, None, None, None, None, None, None, None, "农民工人数", None, None, None, "会员人数", "农民工会员数"]
# 序号, code, name, town (merged down), area, industry, type, employees, migrants, status, form, date, members, migrant members
UNITS = [
    [1, A1, "甲机械", "马陆", "大裕村", "制造业", "民营企业", 120, 50, "在营", "单独建会", dt.date(2012, 3, 1), 100, 40],
    [2, A2, "乙物流", None, "大裕村", "现代服务业", "民营企业", 30, 10, "在营", "未建会", None, 0, 0],
    [3, A3, "丙科技", None, None, "高新技术产业", "外资企业", 45, 0, "在营", "单独建会", dt.date(2015, 5, 20), 40, 0],
    [4, A4, "丁商贸", None, None, "商贸流通", "民营企业", 5, 1, "停产", "未建会", None, 0, 0],
]
# 合计: employees and migrants add up; 会员人数 says 150 where the rows add up to 140
TOTAL = ["合计", None, None, None, None, None, None, 200, 61, None, None, None, 150, 40]
FOOTER = [["填表人：张三        联系电话：021-59990000"], ["审核人：李四"]]
MERGES = [(1, 1, 1, 16), (3, 1, 4, 1), (3, 2, 4, 2), (3, 3, 4, 3), (3, 4, 4, 4), (3, 5, 4, 5), (3, 6, 4, 6),
          (3, 7, 4, 7), (3, 8, 4, 8), (3, 10, 4, 10), (3, 11, 4, 11), (3, 12, 4, 12), (3, 13, 3, 14),
          (3, 16, 4, 16), (5, 4, 8, 4), (9, 1, 9, 3)]


def town_sheet(units: list[list[object]] = UNITS, total: list[object] = TOTAL) -> list[list[object]]:
    """The sheet a town office sends: title, reporting unit and date, two-row header, units, 合计, footer."""
    return [[TITLE], ["填报单位：马陆镇总工会（盖章）", None, None, None, None, None, None, None, None, None, None,
                      "报表日期：2015年7月31日"], UPPER, LOWER, *units, total, *FOOTER]


def xlsx_bytes(sheets: dict[str, Rows], merges: dict[str, list[Merge]] | None = None,
               hidden_rows: dict[str, list[int]] | None = None, hidden_cols: dict[str, list[int]] | None = None,
               hidden_sheets: tuple[str, ...] = ()) -> bytes:
    """An XLSX workbook written by openpyxl (formulas are written without cached values, as openpyxl does)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(r, c, v)
        for r1, c1, r2, c2 in (merges or {}).get(title, []):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for r in (hidden_rows or {}).get(title, []):
            ws.row_dimensions[r].hidden = True
        for c in (hidden_cols or {}).get(title, []):
            ws.column_dimensions[get_column_letter(c)].hidden = True
        if title in hidden_sheets:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xls_bytes(sheets: dict[str, Rows], merges: dict[str, list[Merge]] | None = None,
              hidden_rows: dict[str, list[int]] | None = None, hidden_sheets: tuple[str, ...] = ()) -> bytes:
    """An Excel 97–2003 workbook (BIFF8) written by xlwt; dates as real date cells."""
    import xlwt

    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    wb = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets.items():
        ws = wb.add_sheet(title, cell_overwrite_ok=True)
        merged = (merges or {}).get(title, [])
        covered = {(r, c) for r1, c1, r2, c2 in merged for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        for r1, c1, r2, c2 in merged:
            value = rows[r1 - 1][c1 - 1] if len(rows[r1 - 1]) >= c1 else None
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, value if value is not None else "")
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None or (r, c) in covered or any((r, c) == (m[0], m[1]) for m in merged):
                    continue
                if isinstance(v, dt.date):
                    ws.write(r - 1, c - 1, v, date_style)
                else:
                    ws.write(r - 1, c - 1, v)
        for r in (hidden_rows or {}).get(title, []):
            ws.row(r - 1).hidden = True
        if title in hidden_sheets:
            ws.visibility = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')


def _ods_cell(v: object, span: tuple[int, int] | None) -> str:
    attrs = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"' if span else ""
    if v is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, str) and v.startswith("="):  # a formula with no computed value
        return f"<table:table-cell{attrs} table:formula={quoteattr('of:' + v)}/>"
    if isinstance(v, bool):
        return (f'<table:table-cell{attrs} office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                f"<text:p>{'TRUE' if v else 'FALSE'}</text:p></table:table-cell>")
    if isinstance(v, int | float):
        return (f'<table:table-cell{attrs} office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, dt.date):
        return (f'<table:table-cell{attrs} office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v.isoformat()}</text:p></table:table-cell>")
    paragraphs = "".join(f"<text:p>{escape(p)}</text:p>" for p in str(v).split("\n"))
    return f'<table:table-cell{attrs} office:value-type="string">{paragraphs}</table:table-cell>'


def ods_bytes(sheets: dict[str, Rows], merges: dict[str, list[Merge]] | None = None,
              hidden_rows: dict[str, list[int]] | None = None, hidden_sheets: tuple[str, ...] = ()) -> bytes:
    """An OpenDocument spreadsheet, written the way LibreOffice writes one (spans, covered cells,
    collapsed rows, a hidden table style, repeated empty rows at the end)."""
    tables = []
    for title, rows in sheets.items():
        spans = {(m[0], m[1]): (m[2] - m[0] + 1, m[3] - m[1] + 1) for m in (merges or {}).get(title, [])}
        covered = {(r, c) for (r1, c1), (h, w) in spans.items() for r in range(r1, r1 + h) for c in range(c1, c1 + w)
                   if (r, c) != (r1, c1)}
        width = max((len(r) for r in rows), default=0)
        out = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c in range(1, width + 1):
                v = row[c - 1] if c <= len(row) else None
                cells.append("<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(v, spans.get((r, c))))
            cells.append('<table:table-cell table:number-columns-repeated="1000"/>')
            hidden = ' table:visibility="collapse"' if r in (hidden_rows or {}).get(title, []) else ""
            out.append(f"<table:table-row{hidden}>{''.join(cells)}</table:table-row>")
        out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                   'table:number-columns-repeated="1024"/></table:table-row>')
        style = ' table:style-name="ta_hidden"' if title in hidden_sheets else ' table:style-name="ta1"'
        tables.append(f"<table:table table:name={quoteattr(title)}{style}>"
                      f'<table:table-column table:number-columns-repeated="{width + 1000}"/>{"".join(out)}</table:table>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               '<office:automatic-styles>'
               '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
               '<style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/>'
               '</style:style></office:automatic-styles>'
               f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def html_xls_bytes(rows: Rows, merges: list[Merge] | None = None, encoding: str = "gb18030") -> bytes:
    """An HTML table saved with an .xls name, as web systems export "Excel" (rowspan/colspan for merges)."""
    spans = {(m[0], m[1]): (m[2] - m[0] + 1, m[3] - m[1] + 1) for m in (merges or [])}
    covered = {(r, c) for (r1, c1), (h, w) in spans.items() for r in range(r1, r1 + h) for c in range(c1, c1 + w)
               if (r, c) != (r1, c1)}
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row, start=1):
            if (r, c) in covered:
                continue
            span = spans.get((r, c))
            attrs = f' rowspan="{span[0]}" colspan="{span[1]}"' if span else ""
            cells.append(f"<td{attrs}>{escape('' if v is None else str(v))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    charset = "gb2312" if encoding.startswith("gb") else encoding
    page = (f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" '
            f'content="text/html; charset={charset}"></head><body><table border="1">\n' + "\n".join(lines) +
            "\n</table></body></html>")
    return page.encode(encoding)
