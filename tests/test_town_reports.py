"""Each town sends its own monthly report: importing, the district at an as-of date (reports in force,
carried forward, 未报送), per-town baseline, replacing, --town, the shrink warning, 报送状态, rollback.

The fixture (numbers worked out by hand below): three towns of the dictionary report.
  2014-12-31  安亭镇: A1 (100 employees, 80 members), A2 (10, no union)   马陆镇: M1 (50, 40)
  2015-05-31  安亭镇: A1 (100, 85), A2 (10, none)   马陆镇: M1 (50, 42), M2 (30, 25, union 2015-03-01)
              南翔镇: N1 (40, 30, union 2015-02-01)
  2015-06-30  安亭镇 only: A1 (100, 90), A2 (10, 8, union 2015-06-10)
Targets 2015: 安亭镇 新建会单位数 4, 新发展会员数 40; 马陆镇 新建会单位数 2 (no members target).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import A1, A2, D05, D06, D14, M1, THREE, UNITS_HEADER, load, roster, row
from unionboard.cli import main
from unionboard.importer import import_bytes, rollback
from unionboard.store import connect_read
from unionboard.views import Filters, get_view, table


def by_town(df: pd.DataFrame) -> dict[str, dict]:
    return {r["街镇"]: r for r in df.to_dict("records")}


def test_the_district_is_each_towns_report_in_force(reports_db):
    res = get_view(reports_db, "towns", Filters(towns=THREE))
    t = by_town(res.df)
    assert res.resolved.snapshot == D06
    assert res.resolved.carried == {"马陆镇": D05, "南翔镇": D05} and res.resolved.missing == []
    # 安亭镇 from its June report; 马陆镇 and 南翔镇 carried forward from May
    assert [t["安亭镇"][c] for c in ("在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数")] == [2, 2, 110, 98, 1]
    assert [t["马陆镇"][c] for c in ("在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数")] == [2, 2, 80, 67, 1]
    assert [t["南翔镇"][c] for c in ("在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数")] == [1, 1, 40, 30, 1]
    # the baseline is per town: 安亭镇 98 - 80, 马陆镇 67 - 40; 南翔镇 has no 2014 report: empty
    assert (t["安亭镇"]["新发展会员数"], t["马陆镇"]["新发展会员数"]) == (18, 27)
    assert pd.isna(t["南翔镇"]["新发展会员数"])
    total = t["合计"]
    assert [total[c] for c in ("在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数", "新发展会员数")] == \
        [5, 5, 230, 195, 3, 45]
    # 合计 completion of the towns with the target: (1 + 1) / (4 + 2); 18 / 40 (马陆镇 has no members target)
    assert (total["新建会单位数目标"], total["新建会单位数完成率(%)"]) == (6, 33.33)
    assert (total["新发展会员数目标"], total["新发展会员数完成率(%)"]) == (40, 45.0)
    assert res.resolved.notes() == ["2 个街镇沿用此前报送的数据：南翔镇（沿用 2015-05-31 报送数据）、马陆镇（沿用 2015-05-31 报送数据）"]
    assert res.resolved.no_base == ["南翔镇"]


def test_towns_without_a_report_count_as_zero_and_are_named(reports_db):
    res = get_view(reports_db, "towns", Filters(as_of=D14))
    assert res.resolved.missing == ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "徐行镇", "华亭镇", "外冈镇", "江桥镇",
                                    "菊园新区", "嘉定工业区"]
    assert by_town(res.df)["南翔镇"]["在营单位数"] == 0
    assert res.resolved.notes()[-1].startswith("10 个街镇未报送（按 0 计）：新成路街道、真新街道")


def test_reports_of_one_date_imported_one_by_one_leave_each_other_alone(reports_db):
    before = by_town(get_view(reports_db, "towns", Filters(towns=THREE)).df)
    load(reports_db, "units", roster(row(M1, "马陆镇", 50, 44, "2010-01-01")), snapshot=D06)
    after = by_town(get_view(reports_db, "towns", Filters(towns=THREE)).df)
    assert pd.Series(after["安亭镇"]).equals(pd.Series(before["安亭镇"]))  # untouched by 马陆镇's report
    assert (after["马陆镇"]["在营单位数"], after["马陆镇"]["会员人数"], after["马陆镇"]["新发展会员数"]) == (1, 44, 4)
    assert get_view(reports_db, "towns", Filters(towns=THREE)).resolved.carried == {"南翔镇": D05}


def test_a_report_already_sent_is_replaced_only_when_asked(reports_db):
    again = roster(row(A1, "安亭镇", 100, 95, "2010-01-01"), row(A2, "安亭镇", 10, 8, "2015-06-10"))
    refused = import_bytes(reports_db, again.encode(), "安亭6月.csv", "units", snapshot=D06)
    assert not refused.ok
    assert [p.line() for p in refused.problems] == [
        "安亭6月.csv：安亭镇 报表日期 2015-06-30 的名册已报送；如需替换请加 --replace（数据管理页：勾选“替换”）"]
    done = import_bytes(reports_db, again.encode(), "安亭6月.csv", "units", snapshot=D06, replace=True)
    assert done.ok and done.summary == ["单位名册 2015-06-30: 安亭镇 2 行（替换原 2 行）"]
    assert [(p.town, p.rows, p.replaces, p.previous_date, p.previous_rows) for p in done.reports] == [
        ("安亭镇", 2, 2, D05, 2)]
    t = by_town(get_view(reports_db, "towns", Filters(towns=THREE)).df)
    assert (t["安亭镇"]["会员人数"], t["马陆镇"]["会员人数"]) == (103, 67)  # only 安亭镇 changed


def test_declared_town_refuses_rows_of_another_town(reports_db, capsys, tmp_path):
    f = tmp_path / "安亭7月.csv"
    f.write_text(roster(row(A1, "安亭镇", 100, 90, "2010-01-01"), row(M1, "马陆镇", 50, 44, "2010-01-01")),
                 encoding="utf-8")
    assert main(["import", "units", str(f), "--db", str(reports_db), "--snapshot", "2015-07-31", "--town", "安亭"]) == 2
    err = capsys.readouterr().err
    assert "安亭7月.csv 第3行 C列「街镇」 值「马陆镇」：不是申报街镇「安亭镇」的单位：本次只能报送安亭镇的名册" in err
    assert get_view(reports_db, "towns").resolved.snapshot == D06  # nothing changed


def test_a_town_that_shrinks_by_more_than_a_fifth_is_warned_about(reports_db, capsys, tmp_path):
    f = tmp_path / "安亭7月.csv"
    f.write_text(roster(row(A1, "安亭镇", 100, 90, "2010-01-01")), encoding="utf-8")
    assert main(["import", "units", str(f), "--db", str(reports_db), "--snapshot", "2015-07-31"]) == 0
    out = capsys.readouterr()
    assert "安亭镇 2015-07-31：文件 1 行；较上期（2015-06-30，2 家）-1" in out.out
    assert "警告：安亭镇单位数较此前减少 50.0%（1 家，此前 2 家），超过 20%，请核对名册是否填全" in out.err


def test_shrink_of_exactly_a_fifth_is_not_warned_about():
    from unionboard.importer import ReportPlan
    assert not ReportPlan(D06, "南翔镇", 4, previous_date=D05, previous_rows=5).shrinks  # 4 = 0.8 × 5
    assert ReportPlan(D06, "南翔镇", 3, previous_date=D05, previous_rows=5).shrinks


def test_submission_status_with_a_fixed_clock(reports_db):
    def status(today: dt.date) -> dict[tuple, str]:
        # June asked for: while it is still coming in it is not the default as-of date (issue 22/28)
        df = get_view(reports_db, "submissions", Filters(as_of=D06, towns=THREE, today=today)).df
        return {(r["报表日期"], r["街镇"]): r["报送状态"] for r in df.to_dict("records")}

    s = status(dt.date(2015, 7, 3))
    assert sorted({d for d, _ in s}) == [D14, dt.date(2015, 1, 31), dt.date(2015, 2, 28), dt.date(2015, 3, 31),
                                         dt.date(2015, 4, 30), D05, D06]
    assert s[(D14, "安亭镇")] == "按时" and s[(D14, "南翔镇")] == "未报送"
    assert (s[(D05, "安亭镇")], s[(D05, "马陆镇")], s[(D05, "南翔镇")]) == ("按时", "逾期", "按时")  # due 06-05
    assert s[(dt.date(2015, 1, 31), "安亭镇")] == "未报送"
    assert (s[(D06, "安亭镇")], s[(D06, "马陆镇")]) == ("按时", "待报")  # due 2015-07-05
    assert status(dt.date(2015, 7, 6))[(D06, "马陆镇")] == "未报送"
    df = get_view(reports_db, "submissions", Filters(towns=["安亭镇"], today=dt.date(2015, 7, 6))).df
    june = df[df["报表日期"] == D06].iloc[0]
    assert (str(june["报送时间"]), june["文件名"], june["单位数"], june["较上期变化"]) == \
        ("2015-07-02 10:30:00", "units.csv", 2, 0)


def test_the_due_day_is_a_district_setting(reports_db, capsys):
    assert main(["config", "due_days", "10", "--db", str(reports_db)]) == 0
    df = get_view(reports_db, "submissions", Filters(towns=["马陆镇"], today=dt.date(2015, 7, 3))).df
    assert df[df["报表日期"] == D05].iloc[0]["报送状态"] == "按时"  # 06-08 is within 10 days now
    assert main(["config", "due_days", "ten", "--db", str(reports_db)]) == 2
    assert "报送期限应为 0–60 的整数天数" in capsys.readouterr().err
    assert table(reports_db, "import_history").iloc[0]["结果"] == "已设置"


def test_rollback_of_one_towns_report_restores_exactly_its_previous_rows(reports_db):
    load(reports_db, "units", roster(row(M1, "马陆镇", 50, 44, "2010-01-01")), snapshot=D06)  # after 安亭镇's
    anting_june = int(table(reports_db, "import_history").iloc[1]["编号"])
    replaced = roster(row(A1, "安亭镇", 100, 99, "2010-01-01"))
    load(reports_db, "units", replaced, snapshot=dt.date(2015, 7, 31))
    # 安亭镇's June report was replaced by nothing later: it can be withdrawn alone
    rollback(reports_db, anting_june)
    res = get_view(reports_db, "towns", Filters(towns=THREE, as_of=D06))
    t = by_town(res.df)
    assert res.resolved.carried == {"安亭镇": D05, "南翔镇": D05}
    assert (t["安亭镇"]["会员人数"], t["马陆镇"]["会员人数"]) == (85, 44)  # 马陆镇's later June report stays


def test_rollback_of_a_replacing_report_brings_back_the_one_it_replaced(reports_db):
    again = roster(row(A1, "安亭镇", 100, 70, "2010-01-01"), row(A2, "安亭镇", 10, 8, "2015-06-10"))
    done = import_bytes(reports_db, again.encode(), "u.csv", "units", snapshot=D06, replace=True)
    assert by_town(get_view(reports_db, "towns").df)["安亭镇"]["会员人数"] == 78
    rollback(reports_db, done.import_id)
    assert by_town(get_view(reports_db, "towns").df)["安亭镇"]["会员人数"] == 98
    # the replaced report cannot be withdrawn while the later one stands
    first_june = int(table(reports_db, "import_history").query("数据类型 == 'units'")["编号"].iloc[1])
    load(reports_db, "units", again, snapshot=D06, replace=True)
    from unionboard.importer import RollbackError
    with pytest.raises(RollbackError, match="已被之后的导入"):
        rollback(reports_db, first_june)


def test_two_sheets_may_not_report_the_same_town_for_the_same_date(reports_db):
    import io

    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title in ("单位名册", "units"):
        ws = wb.create_sheet(title)
        ws.append(UNITS_HEADER.split(",") + ["报表日期"])
        ws.append(row(A1, "安亭镇", 100, 90, "2010-01-01").split(",") + ["2015-07-31"])
    buf = io.BytesIO()
    wb.save(buf)
    r = import_bytes(reports_db, buf.getvalue(), "两表.xlsx")
    assert not r.ok
    assert "两表.xlsx［units］：本工作表与工作表「单位名册」都报送了安亭镇 2015-07-31 的名册" in [p.line() for p in r.problems]


def test_trend_composes_each_date_from_the_reports_in_force(reports_db):
    df = get_view(reports_db, "trend", Filters(towns=THREE)).df.set_index("报表日期")
    # 2015-01-31 … 2015-04-30 have no report: they are not rows; 2015-05-31: all three towns reported
    assert list(df.index) == [D06, D05, D14]  # newest first (issue 22)
    # 新发展会员数 at May: (85 - 80) + (67 - 40); 南翔镇 has no 2014 report
    assert (df.loc[D05, "会员人数"], df.loc[D05, "新发展会员数"], df.loc[D05, "沿用街镇数"]) == (182, 32, 0)
    assert (df.loc[D06, "会员人数"], df.loc[D06, "新发展会员数"], df.loc[D06, "沿用街镇数"]) == (195, 45, 2)
    assert df.loc[D14, "未报送街镇数"] == 1  # 南翔镇 first reported in May


def test_unit_lists_and_slices_follow_the_same_rule(reports_db):
    unc = get_view(reports_db, "uncovered", Filters(towns=THREE, as_of=D05)).df
    assert list(unc["统一社会信用代码"]) == [A2]
    ind = get_view(reports_db, "industries", Filters(towns=THREE)).df.set_index("行业类别")
    assert (ind.loc["制造业", "在营单位数"], ind.loc["制造业", "会员人数"]) == (5, 195)
    # 新发展会员数 of a slice counts the towns with a baseline only: (98 + 67) - (80 + 40)
    assert ind.loc["制造业", "新发展会员数"] == 45


def test_snapshots_list_what_each_date_holds(reports_db, capsys):
    df = table(reports_db, "snapshot_list")
    june = df[df["报表日期"] == D06].iloc[0]
    assert (june["报送街镇数"], june["报送单位数"], june["报送街镇"], june["在营单位数"], june["沿用街镇数"]) == \
        (1, 2, "安亭镇", 5, 2)


def test_export_says_what_it_read(reports_db, capsys):
    assert main(["export", "towns", "--db", str(reports_db), "--as-of", "2015-07-15", "--town", "安亭",
                 "--town", "马陆"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ["报表日期 2015-06-30（2015年目标）；沿用此前报送数据的街镇 1 个",
                   "截至 2015-07-15：使用报表日期 2015-06-30（此前最近的一期）",
                   "1 个街镇沿用此前报送的数据：马陆镇（沿用 2015-05-31 报送数据）"]


def test_a_first_release_database_is_converted_with_its_data(tmp_path, capsys):
    import duckdb

    from unionboard.sql import load_sql
    from unionboard.store import LegacyDatabase
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(load_sql("schema").replace("units_layout", "units"))  # the first release's units table
    for newer in ("reports", "report_cells", "report_formed"):
        con.execute(f"DROP TABLE {newer}")
    con.execute("INSERT INTO towns VALUES (1, '安亭镇', '镇', ['安亭'])")
    con.execute(f"""INSERT INTO units VALUES (DATE '2015-06-30', '{A1}', '甲', '安亭镇', NULL, NULL, '制造业', '民营企业',
                    false, 100, 0, '在营', '单独建会', NULL, DATE '2010-01-01', 80, 0)""")
    con.close()
    with pytest.raises(LegacyDatabase):
        get_view(db, "towns")
    assert main(["export", "towns", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "是旧版格式" in err and "python -m unionboard migrate" in err
    assert main(["migrate", "--db", str(db)]) == 0
    assert get_view(db, "towns").df.iloc[0]["会员人数"] == 80
    assert get_view(db, "trend").df.iloc[0]["会员人数"] == 80  # counted at conversion
    load(db, "units", roster(row(A1, "安亭镇", 100, 90, "2010-01-01")), snapshot=dt.date(2015, 7, 31))
    con = connect_read(db)
    try:
        assert con.execute("SELECT snapshot, town, units FROM current_reports ORDER BY snapshot").fetchall() == [
            (D06, "安亭镇", 1), (dt.date(2015, 7, 31), "安亭镇", 1)]
    finally:
        con.close()
    assert get_view(db, "towns", Filters(as_of=D06)).df.iloc[0]["会员人数"] == 80
    assert main(["migrate", "--db", str(db)]) == 0
    assert "已是当前格式" in capsys.readouterr().out
