"""Spreadsheets as towns fill them in (DATA-FORMAT.md "Reading spreadsheets as towns fill them in"):
title rows, a two-row header with merged group titles, 序号, merged cells down the body, 合计/小计 rows
checked against the rows they total, footers, hidden rows and sheets, formulas by cached value, the
report date from the title — in XLSX, XLS, ODS, HTML saved as .xls and CSV, each asserting the values
imported and the exact rows named in notices, warnings and errors."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from conftest import A1, A2, A3, A4, BUILDINGS, FEDERATIONS, UNITS_HEADER, load
from spreadsheets import MERGES, TITLE, UNITS, UPPER, html_xls_bytes, ods_bytes, town_sheet, xls_bytes, xlsx_bytes
from unionboard.cli import main
from unionboard.importer import check_bytes, import_bytes, preview
from unionboard.store import connect_read

EXPECTED = [(A1, "甲机械", "马陆镇", "大裕村", 120, 50, 100, 40, dt.date(2012, 3, 1)),
            (A2, "乙物流", "马陆镇", "大裕村", 30, 10, 0, 0, None),
            (A3, "丙科技", "马陆镇", None, 45, 0, 40, 0, dt.date(2015, 5, 20)),
            (A4, "丁商贸", "马陆镇", None, 5, 1, 0, 0, None)]


def stored(db) -> list[tuple]:  # noqa: ANN001
    con = connect_read(db)
    try:
        return con.execute("""SELECT credit_code, name, town, area, employees, migrant_workers, members, migrant_members,
                                     union_date FROM units ORDER BY credit_code""").fetchall()
    finally:
        con.close()


def snapshots(db) -> list[dt.date]:  # noqa: ANN001
    con = connect_read(db)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT snapshot FROM units ORDER BY 1").fetchall()]
    finally:
        con.close()


def lines(problems) -> list[str]:  # noqa: ANN001
    return [p.line() for p in problems]


def notices_of(name: str, sheet: str | None = "单位名册", hidden_row: bool = True) -> list[str]:
    """The notices the town sheet gives, in the order the importer finds them."""
    where = f"{name}［{sheet}］" if sheet else name
    out = [f"{where}：第1–2行在表头之上（标题、填报单位等），已跳过；表头在第3–4行",
           f"{where} 第3行：第3–4行为两行表头，已合并为一行列名（下行为列名，下行为空处取上方合并单元格）",
           f"{where} 第3行 A列「序号」：序号列，已忽略",
           f"{where} 第9行：合计行，不作为单位导入",
           f"{where}：第10–11行是表尾（填表人、审核人、联系电话、备注、说明等），已跳过",
           f"{where} D列「街镇」：合并单元格的值已填入其合并范围内的各行（第6–8行）"]
    if hidden_row:
        out.append(f"{where}：含隐藏行 1 行（第6行），已照常读取")
    return out


@pytest.fixture
def db(empty_db):
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    return empty_db


def test_xlsx_as_a_town_fills_it_in(db):
    data = xlsx_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]})
    r = import_bytes(db, data, "马陆镇7月.xlsx", "units")
    assert r.ok, lines(r.problems)
    assert stored(db) == EXPECTED
    assert snapshots(db) == [dt.date(2015, 7, 31)]  # from the title rows: no --snapshot given
    assert lines(r.notices) == [
        "马陆镇7月.xlsx［单位名册］ 第2行：报表日期取自表头上方的标题：2015-07-31", *notices_of("马陆镇7月.xlsx")]
    assert lines(r.warnings) == [
        "马陆镇7月.xlsx［单位名册］ 第3行 P列「备注」：未知列「备注」，已忽略",
        "马陆镇7月.xlsx［单位名册］ 第9行 M列「会员人数」 值「150」：合计行为 150，与第5–8行之和 140 不一致（差 10）"]


def test_errors_name_the_sheet_row_and_cell(db):
    bad = [list(u) for u in UNITS]
    bad[2][7] = "四十五"  # 丙科技's 职工人数, sheet row 7, column H
    data = xlsx_bytes({"单位名册": town_sheet(bad)}, merges={"单位名册": MERGES})
    r = import_bytes(db, data, "马陆镇7月.xlsx", "units")
    assert lines(r.problems) == ["马陆镇7月.xlsx［单位名册］ 第7行 H列「职工人数（人）」 值「四十五」：不是整数"]
    assert [(p.row, p.letter, p.column) for p in r.problems] == [(7, "H", "职工人数（人）")]
    assert stored(db) == []


def test_xls_as_a_town_fills_it_in(db):
    data = xls_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]})
    r = import_bytes(db, data, "马陆镇7月.xls", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert stored(db) == EXPECTED
    assert lines(r.notices) == notices_of("马陆镇7月.xls")
    assert [w.key for w in r.warnings] == ["unknown_column", "total_mismatch"]


def test_ods_as_a_town_fills_it_in(db):
    data = ods_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_rows={"单位名册": [6]})
    r = import_bytes(db, data, "马陆镇7月.ods", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert stored(db) == EXPECTED
    assert lines(r.notices) == notices_of("马陆镇7月.ods")
    assert [(w.row, w.letter, w.key) for w in r.warnings] == [(3, "P", "unknown_column"), (9, "M", "total_mismatch")]


def test_html_table_saved_as_xls(db):
    rows = [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in town_sheet()]
    data = html_xls_bytes(rows, MERGES)
    r = import_bytes(db, data, "马陆镇7月.xls", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert stored(db) == EXPECTED
    assert lines(r.notices) == [
        "马陆镇7月.xls：文件名为 .xls，内容实际是网页表格（HTML），已按其实际格式读取",
        *notices_of("马陆镇7月.xls", sheet=None, hidden_row=False)]


def test_csv_with_title_rows_keeps_the_files_row_numbers(db):
    text = "\n".join([f"{TITLE},,,", "截至2015年7月31日", UNITS_HEADER,
                      f"{A1},甲,马陆,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,1",
                      f"{A2},乙,马陆,,,制造业,民营企业,否,x,0,在营,未建会,,,0,0", "合计,,,,,,,,20,2,,,,,5,1"]) + "\n"
    r = import_bytes(db, text.encode("gb18030"), "马陆.csv", "units")
    assert lines(r.problems) == ["马陆.csv 第5行 I列「职工人数」 值「x」：不是整数"]
    assert lines(r.notices) == ["马陆.csv 第2行：报表日期取自表头上方的标题：2015-07-31",
                                "马陆.csv：第1–2行在表头之上（标题、填报单位等），已跳过；表头在第3行",
                                "马陆.csv 第6行：合计行，不作为单位导入"]
    ok = text.replace(",x,0,", ",10,0,")
    r = import_bytes(db, ok.encode("utf-8"), "马陆.csv", "units")
    assert r.ok, lines(r.problems)
    assert [w.line() for w in r.warnings] == []  # 10 + 10 = 20, 2 + 0 = 2, 5 + 0 = 5, 1 + 0 = 1
    assert snapshots(db) == [dt.date(2015, 7, 31)]


def test_subtotals_and_a_total_on_top(db):
    head = UNITS_HEADER
    row = "{code},{name},马陆,,,制造业,民营企业,否,{emp},0,在营,未建会,,,0,0"
    text = "\n".join([
        head, "合计,,,,,,,,36,0,,,,,0,0",                       # row 2: totals all rows below (10+20+5 = 35)
        row.format(code=A1, name="甲", emp=10), row.format(code=A2, name="乙", emp=20),
        "小计,,,,,,,,30,0,,,,,0,0",                             # row 5: rows 3–4, right
        row.format(code=A3, name="丙", emp=5), "  小 计 ,,,,,,,,6,0,,,,,0,0",  # row 7: row 6 says 5
    ]) + "\n"
    r = import_bytes(db, text.encode(), "马陆.csv", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert r.rows == 3
    assert lines(r.warnings) == [
        "马陆.csv 第7行 I列「职工人数」 值「6」：小计行为 6，与第6–6行之和 5 不一致（差 1）",
        "马陆.csv 第2行 I列「职工人数」 值「36」：合计行为 36，与第3–6行之和 35 不一致（差 1）"]


def test_no_header_names_the_closest_row_and_what_it_lacks(db):
    upper = [u for u in UPPER if u not in ("职工\n人数（人）",)]
    sheet = [[TITLE], ["填报单位：马陆镇总工会（盖章）"], upper, *[u[:7] for u in UNITS]]
    r = import_bytes(db, xlsx_bytes({"Sheet1": sheet}), "马陆.xlsx", "units", snapshot=dt.date(2015, 7, 31))
    assert not r.ok
    assert lines(r.problems) == ["马陆.xlsx［Sheet1］ 第3行「职工人数」：缺少必填列「职工人数」",
                                 "马陆.xlsx［Sheet1］ 第3行「会员人数」：缺少必填列「会员人数」"]


def test_kind_found_from_a_header_below_title_rows(db):
    data = xlsx_bytes({"Sheet1": town_sheet()}, merges={"Sheet1": MERGES})
    r = import_bytes(db, data, "马陆镇7月.xlsx")  # no KIND, a sheet named Sheet1
    assert r.ok, lines(r.problems)
    assert r.kinds == ["units"] and stored(db) == EXPECTED


@pytest.mark.parametrize(("writer", "ext"), [(xlsx_bytes, "xlsx"), (xls_bytes, "xls"), (ods_bytes, "ods")])
def test_hidden_sheet_is_skipped(db, writer, ext):
    old = [UNITS_HEADER.split(","), [A1, "旧", "马陆", None, None, "制造业", "民营企业", "否", 1, 0, "在营", "未建会",
                                     None, None, 0, 0]]
    data = writer({"旧数据": old, "单位名册": town_sheet()}, merges={"单位名册": MERGES}, hidden_sheets=("旧数据",))
    r = import_bytes(db, data, f"马陆镇7月.{ext}", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert lines(r.notices)[0] == f"马陆镇7月.{ext}［旧数据］：工作表「旧数据」是隐藏的，已跳过"
    assert stored(db) == EXPECTED


def test_formula_read_by_its_cached_value(db):
    data = xlsx_bytes({"单位名册": town_sheet()}, merges={"单位名册": MERGES})

    def cached(xml: str) -> str:  # H5 (甲机械's 职工人数) as a formula with its value, as Excel saves it
        return re.sub(r'<c r="H5"([^>]*)><v>120</v></c>', r'<c r="H5"\1><f>100+20</f><v>120</v></c>', xml)

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert '<c r="H5"' in body.decode()
                body = cached(body.decode()).encode()
                assert "<f>100+20</f>" in body.decode()
            dst.writestr(info.filename, body)
    r = import_bytes(db, out.getvalue(), "马陆镇7月.xlsx", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert stored(db)[0][4] == 120


def test_tsv_saved_as_xls_and_leading_empty_rows(db):
    tsv = UNITS_HEADER.replace(",", "\t") + "\n" + \
        f"{A1}\t甲\t马陆\t\t\t制造业\t民营企业\t否\t10\t0\t在营\t未建会\t\t\t0\t0\n"
    r = import_bytes(db, tsv.encode("gb18030"), "导出.xls", "units", snapshot=dt.date(2015, 7, 31))
    assert r.ok, lines(r.problems)
    assert lines(r.notices) == ["导出.xls：文件名为 .xls，内容实际是文本表格（CSV/TSV），已按其实际格式读取",
                                "导出.xls：以制表符分隔（TSV），已按此读取"]
    # a sheet whose first two rows are empty: its header is row 3, its first unit row 4
    sheet = [[], [], UNITS_HEADER.split(","), [A2, "乙", "马陆", None, None, "制造业", "民营企业", "否", "x", 0, "在营",
                                             "未建会", None, None, 0, 0]]
    r = check_bytes(db, xlsx_bytes({"单位名册": sheet}), "u.xlsx", "units", snapshot=dt.date(2015, 8, 31))
    assert lines(r.problems) == ["u.xlsx［单位名册］ 第4行 I列「职工人数」 值「x」：不是整数"]
    assert lines(r.notices) == ["u.xlsx［单位名册］：表头在第3行"]


@pytest.mark.parametrize("kind", ["towns", "buildings", "targets", "events", "training", "federations"])
def test_every_kind_reads_title_rows_and_names_cells(db, kind):
    header, row = {
        "towns": (["街镇", "类型", "别名"], ["新镇", "村", ""]),
        "buildings": (["楼宇名称", "街镇"], ["A座", "火星镇"]),
        "targets": (["年度", "街镇", "指标", "目标值"], [2015, "马陆", "新建会单位数", -1]),
        "events": (["日期", "统一社会信用代码", "单位名称", "事件", "原街镇", "现街镇", "工会处置"],
                   ["2015-01-01", A1, "甲", "倒闭", None, None, "无工会"]),
        "training": (["开始日期", "结束日期", "主办单位", "参训街镇", "培训对象", "参训人数"],
                     ["2015-03-16", "2015-03-18", "区总工会", "马陆", "工会干部", 0]),
        "federations": (["联合会名称", "类型", "街镇", "成立日期"], ["甲会", "协会", "马陆", "2015-01-01"]),
    }[kind]
    bad = {"towns": ("B", "类型"), "buildings": ("B", "街镇"), "targets": ("D", "目标值"), "events": ("D", "事件"),
           "training": ("F", "参训人数"), "federations": ("B", "类型")}[kind]
    data = xlsx_bytes({"Sheet1": [["马陆镇2015年报表"], ["单位：家、人"], header, row]})
    r = import_bytes(db, data, f"{kind}.xlsx", kind)
    assert [(p.row, p.letter, p.column) for p in r.problems] == [(4, *bad)]
    assert lines(r.notices) == [f"{kind}.xlsx［Sheet1］：第1–2行在表头之上（标题、填报单位等），已跳过；表头在第3行"]


def test_command_line_prints_notices_and_cells(db, tmp_path, capsys):
    bad = [list(u) for u in UNITS]
    bad[2][7] = "四十五"
    path = tmp_path / "马陆镇7月.xlsx"
    path.write_bytes(xlsx_bytes({"单位名册": town_sheet(bad)}, merges={"单位名册": MERGES}))
    assert main(["import", "units", str(path), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "说明：马陆镇7月.xlsx［单位名册］ 第9行：合计行，不作为单位导入" in err
    assert "  马陆镇7月.xlsx［单位名册］ 第7行 H列「职工人数（人）」 值「四十五」：不是整数" in err
    r = check_bytes(db, path.read_bytes(), path.name, "units")
    assert r.report().iloc[0].to_dict() == {"文件": "马陆镇7月.xlsx", "工作表": "单位名册", "行": 7, "列": "H列「职工人数（人）」",
                                            "值": "四十五", "问题": "不是整数"}
    shown = preview(path.read_bytes(), path.name, kind="units")["单位名册"]
    assert list(shown["行"]) == [5, 6, 7, 8] and list(shown["街镇"]) == ["马陆"] * 4

