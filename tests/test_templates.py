"""Fill-in templates (DATA-FORMAT.md "Templates (填报模板)", CLI.md `template`): structure, the rules in
the words of DATA-FORMAT.md, dropdowns and validation, a template filled in as instructed imports for
every kind, `units --town` is pre-filled with the town's latest report, LibreOffice opens it."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from apptest_helpers import open_page, texts
from conftest import A1, A2, A3, A4, A5, J1, ROOT
from unionboard.accounts import accounts_path, add_user
from unionboard.cli import main
from unionboard.importer import import_bytes
from unionboard.kinds import KINDS
from unionboard.store import connect_read
from unionboard.templates import SPEC_RULES, rule_text, template_bytes, town_template

NEW_CODE = "913101140000000083"
# One row per kind, filled as the instructions say, valid against the fixture database
FILLED = {
    "towns": {"街镇": "新镇", "类型": "镇", "别名": "新"},
    "buildings": {"楼宇名称": "新楼", "街镇": "安亭镇"},
    "federations": {"联合会名称": "安亭新村工会联合会", "类型": "村工会联合会", "街镇": "安亭镇", "村居园区": "新村",
                    "成立日期": dt.date(2015, 4, 1), "专职干部人数": 2},
    "units": {"统一社会信用代码": NEW_CODE, "单位名称": "新公司", "街镇": "安亭镇", "行业类别": "制造业",
              "单位类型": "民营企业", "世界500强": "否", "职工人数": 12, "农民工人数": 3, "经营状态": "在营",
              "建会情况": "联合建会", "所属联合会": "安亭红星村工会联合会", "建会日期": dt.date(2015, 7, 1), "会员人数": 10,
              "农民工会员数": 2, "报表日期": dt.date(2015, 7, 31)},
    "targets": {"年度": 2016, "街镇": "安亭镇", "指标": "新建会单位数", "目标值": 8},
    "events": {"日期": dt.date(2015, 7, 2), "统一社会信用代码": A1, "单位名称": "甲公司", "事件": "迁出", "原街镇": "安亭镇",
               "现街镇": "区外", "工会处置": "转移接续", "涉及会员数": 90, "转接会员数": 90},
    "training": {"开始日期": dt.date(2015, 9, 1), "结束日期": dt.date(2015, 9, 2), "地点": "安亭社区学校",
                 "主办单位": "安亭镇", "参训街镇": "安亭镇", "培训对象": "企业工会主席", "参训人数": 20},
}
STORED = {
    "towns": ("SELECT town, kind, aliases FROM towns WHERE town = '新镇'", [("新镇", "镇", ["新"])]),
    "buildings": ("SELECT town, building FROM buildings WHERE building = '新楼'", [("安亭镇", "新楼")]),
    "federations": ("SELECT federation, kind, town, area, founded, fulltime_cadres FROM federations "
                    "WHERE federation = '安亭新村工会联合会'",
                    [("安亭新村工会联合会", "村工会联合会", "安亭镇", "新村", dt.date(2015, 4, 1), 2)]),
    "units": ("SELECT snapshot, credit_code, name, employees, members, federation, union_date FROM units "
              f"WHERE credit_code = '{NEW_CODE}'",
              [(dt.date(2015, 7, 31), NEW_CODE, "新公司", 12, 10, "安亭红星村工会联合会", dt.date(2015, 7, 1))]),
    "targets": ("SELECT year, town, indicator, target FROM targets WHERE year = 2016",
                [(2016, "安亭镇", "新建会单位数", 8.0)]),
    "events": ("SELECT date, credit_code, event, from_town, to_town FROM events WHERE date = DATE '2015-07-02'",
               [(dt.date(2015, 7, 2), A1, "迁出", "安亭镇", "区外")]),
    "training": ("SELECT start, organiser, town, audience, trainees FROM training WHERE start = DATE '2015-09-01'",
                 [(dt.date(2015, 9, 1), "安亭镇", "安亭镇", "企业工会主席", 20)]),
}


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def dropdowns(wb: openpyxl.Workbook, sheet: str) -> dict[str, list[str]]:
    """Header name → the values of its list validation (read from the range it refers to)."""
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    out = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        m = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", dv.formula1)
        src = wb[m.group(1)]
        values = [src[f"{m.group(2)}{r}"].value for r in range(int(m.group(3)), int(m.group(5)) + 1)]
        out[header[openpyxl.utils.column_index_from_string(col) - 1]] = values
    return out


def fill(data: bytes, kind: str, row: dict[str, object], at: int = 2) -> bytes:
    """The template with one record typed in at row `at`, as a town would."""
    wb = workbook(data)
    ws = wb[KINDS[kind].zh]
    header = [c.value for c in ws[1]]
    for name, value in row.items():
        ws.cell(at, header.index(name) + 1, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def query(db: Path, sql: str) -> list[tuple]:
    con = connect_read(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_structure(fixture_db):
    wb = workbook(town_template(fixture_db, "units"))
    assert wb.sheetnames == ["单位名册", "填写说明"]
    ws = wb["单位名册"]
    assert [c.value for c in ws[1]] == [c.zh for c in KINDS["units"].cols]
    assert ws.freeze_panes == "A2" and ws.max_row == 1
    assert ws.column_dimensions["A"].width == 22 and ws.column_dimensions["B"].width == 30
    kinds = {str(dv.sqref).split(":")[0]: (dv.type, dv.operator, dv.formula1, dv.formula2)
             for dv in ws.data_validations.dataValidation}
    assert kinds["A2"] == ("textLength", "equal", "18", None)           # 统一社会信用代码
    assert kinds["I2"] == ("whole", "between", "0", "100000000")        # 职工人数 ≥ 0
    assert kinds["N2"][:2] == ("date", "between")                       # 建会日期
    assert {k for k, v in kinds.items() if v[0] == "list"} == {"C2", "E2", "F2", "G2", "H2", "K2", "L2", "M2"}
    lists = dropdowns(wb, "单位名册")
    assert lists["街镇"][:3] == ["新成路街道", "真新街道", "嘉定镇街道"] and len(lists["街镇"]) == 12
    assert lists["行业类别"] == ["现代服务业", "高新技术产业", "制造业", "建筑业", "商贸流通", "其他"]
    assert lists["世界500强"] == ["是", "否"] and lists["楼宇名称"] == ["嘉亭荟"]
    assert lists["所属联合会"] == ["嘉亭荟楼宇工会联合会", "安亭红星村工会联合会"]
    # the instructions list every column with its rule
    rules = {r[0]: r[1:4] for r in wb["填写说明"].iter_rows(min_row=8, max_col=4, values_only=True) if r[0]}
    assert rules["统一社会信用代码"] == ("credit_code", "必填", "18 位，校验位须符合 GB 32100-2015；文件内不得重复"
                                                               "（请设为文本格式，勿让 Excel 改成科学计数）")
    assert rules["建会日期"] == ("union_date", "已建会（单独建会、联合建会）必填", "日期，不得晚于报表日期")
    assert rules["经营状态"][2] == "从下拉列表选择：在营、停产、关闭、迁出"
    assert list(rules) == [c.zh for c in KINDS["units"].cols]


def test_rules_are_data_formats_words():
    spec = ROOT.parent / "shared" / "spec" / "DATA-FORMAT.md"
    if not spec.exists():
        pytest.skip(f"{spec} not found")
    found = {}
    for section in re.split(r"\n## ", spec.read_text(encoding="utf-8")):
        m = re.match(r"(\w+) — ", section)
        if m:
            for line in section.splitlines():
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if line.startswith("|") and len(cells) == 4 and cells[1] in {c.key for c in KINDS[m.group(1)].cols}:
                    found[(m.group(1), cells[1])] = (cells[2], cells[3])
    assert len(found) == 50  # 3 + 2 + 7 + 16 + 6 + 9 + 7 columns
    for (kind, key), words in found.items():
        assert SPEC_RULES[kind][key] == words, (kind, key)
    assert all(rule_text(k, c.key) for k in KINDS for c in KINDS[k].cols)  # every column has Chinese words


@pytest.mark.parametrize("kind", list(KINDS))
def test_filled_template_imports(fixture_db, kind):
    data = town_template(fixture_db, kind)
    wb = workbook(data)
    for name, values in dropdowns(wb, KINDS[kind].zh).items():  # filled as instructed: values from the lists
        if name in FILLED[kind]:
            assert FILLED[kind][name] in values, name
    r = import_bytes(fixture_db, fill(data, kind, FILLED[kind]), f"{kind}_填报模板.xlsx", kind)
    assert r.ok, [p.line() for p in r.problems]
    assert r.rows == 1
    sql, expected = STORED[kind]
    assert query(fixture_db, sql) == expected


def test_filled_template_imports_without_naming_the_kind(fixture_db):
    data = fill(town_template(fixture_db, "targets"), "targets", FILLED["targets"])
    r = import_bytes(fixture_db, data, "目标.xlsx")
    assert r.ok and r.kinds == ["targets"] and r.warnings == []
    assert [n.line() for n in r.notices] == ["目标.xlsx［填写说明］：工作表「填写说明」是模板的填写说明，已跳过"]


def test_units_template_for_a_town_is_its_latest_report(fixture_db):
    data = town_template(fixture_db, "units", "安亭")
    wb = workbook(data)
    ws = wb["单位名册"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    header = [c.value for c in ws[1]]
    got = pd.DataFrame(rows, columns=header)
    # 安亭镇's report of 2015-06-30 (conftest.UNITS_2015): A1–A5, codes in order
    assert list(got["统一社会信用代码"]) == [A1, A2, A3, A4, A5]
    assert list(got["会员人数"]) == [90, 8, 30, 20, 0]
    assert list(got["世界500强"]) == ["否", "否", "是", "否", "否"]
    assert got.loc[1, "所属联合会"] == "安亭红星村工会联合会" and got.loc[1, "楼宇名称"] == "嘉亭荟"
    assert got.loc[0, "建会日期"] == dt.datetime(2010, 1, 1) and got["报表日期"].isna().all()
    assert J1 not in set(got["统一社会信用代码"])
    assert dropdowns(wb, "单位名册")["街镇"] == ["安亭镇"]  # a town's template offers that town only
    # an earlier report by --as-of: 2014-12-31 held A1 and A2
    early = workbook(town_template(fixture_db, "units", "安亭镇", as_of=dt.date(2015, 1, 31)))["单位名册"]
    assert [r[0] for r in early.iter_rows(min_row=2, values_only=True)] == [A1, A2]
    # the town updates one figure and imports it as its July report
    updated = fill(data, "units", {"会员人数": 95, "报表日期": dt.date(2015, 7, 31)})
    r = import_bytes(fixture_db, updated, "安亭_7月.xlsx", "units")
    assert r.ok, [p.line() for p in r.problems]
    assert query(fixture_db, "SELECT credit_code, members FROM units WHERE snapshot = DATE '2015-07-31' ORDER BY 1") == [
        (A1, 95), (A2, 8), (A3, 30), (A4, 20), (A5, 0)]


def test_cli_template(fixture_db, tmp_path, capsys):
    out = tmp_path / "安亭.xlsx"
    assert main(["template", "units", "--town", "安亭", "--db", str(fixture_db), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert workbook(out.read_bytes())["单位名册"].max_row == 6
    assert main(["template", "nosuch", "--db", str(fixture_db), "-o", str(out)]) == 2
    assert "未知数据类型「nosuch」" in capsys.readouterr().err
    assert main(["template", "units", "--town", "火星镇", "--db", str(fixture_db), "-o", str(out)]) == 2
    assert "未知街镇「火星镇」" in capsys.readouterr().err
    assert main(["template", "training", "--db", str(tmp_path / "none.duckdb"), "-o", str(out)]) == 0
    assert dropdowns(workbook(out.read_bytes()), "干部培训")["主办单位"][:2] == ["区总工会", "新成路街道"]


def test_english_template():
    wb = workbook(template_bytes("events", ["安亭镇"], lang="en"))
    assert wb.sheetnames == ["events", "instructions"]
    rules = {r[0]: r[1:4] for r in wb["instructions"].iter_rows(min_row=8, max_col=4, values_only=True) if r[0]}
    assert rules["原街镇"] == ("from_town", "for 迁出, 迁入 within the district", "known town, or 区外")


def test_town_account_downloads_its_own_towns_template(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "anting", "街镇", "town-pass-1", town="安亭镇")
    at = open_page()
    at.text_input(key="auth_name").input("anting")
    at.text_input(key="auth_password").input("town-pass-1")
    at.button[0].click().run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert "下载填报模板（Excel）" in [e.label for e in at.expander]
    assert at.text_input(key="data_template_own_town").value == "安亭镇"
    assert not [s for s in at.selectbox if s.key == "data_template_town"]
    assert "预填该街镇最近一期报表" in texts(at)


def test_libreoffice_opens_a_filled_template(fixture_db, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI is set but LibreOffice is missing: scripts/setup.sh installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) not installed: scripts/setup.sh installs libreoffice-calc-nogui")
    src = tmp_path / "units.xlsx"
    src.write_bytes(fill(town_template(fixture_db, "units", "安亭"), "units", {"报表日期": dt.date(2015, 7, 31)}))
    out = tmp_path / "out"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                           "--convert-to", "ods", "--outdir", str(out), str(src)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    converted = out / "units.ods"
    assert converted.exists() and converted.stat().st_size > 1000
    # what LibreOffice wrote reads back as the same roster
    r = import_bytes(fixture_db, converted.read_bytes(), "units.ods", "units")
    assert r.ok, [p.line() for p in r.problems]
    assert query(fixture_db, "SELECT count(*) FROM units WHERE snapshot = DATE '2015-07-31'") == [(5,)]
