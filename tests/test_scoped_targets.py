"""Targets with a 范围 (issue 27; DATA-FORMAT.md "targets", METRICS.md "Targets by industry, 两新组织, 世界500强
and buildings", CLI.md): the import rules, and each scope's actuals and targets on industries, two-new,
fortune500 and buildings' 合计, worked out by hand below.

The district (as-of 2015-06-30, 序时进度 181/365 = 49.59%; the baseline is the 2014-12-31 report of all three
towns):

    unit  town  2014-12-31                         2015-06-30
    A1    安亭  制造业 民营 100 emp, 80 mem (union)  现代服务业 (changed industry) 100, 90
    A2    安亭  嘉亭荟 现代服务业 外资 10, no union   嘉亭荟 10, 8, union 2015-03-10
    A3    安亭  —                                   高新技术产业 民营 世界500强 30, 30, union 2015-06-30
    J1    嘉定  现代服务业 国有 50, 50 (union)       50, 45
    J2    嘉定  —                                   汇龙大厦 其他 社会组织 20, 15, union 2015-04-01
    M1    马陆  高新技术产业 民营 40, 20 (union)     40, 25
    M2    马陆  —                                   高新技术产业 民营 20, 10, union 2015-05-01
    M3    马陆  高新技术产业 民营 10, no union       10, 0, no union

A1, A3, J1, M1–M3 are outside any building.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from test_templates import dropdowns, workbook

from conftest import A1, A2, A3, J1, J2, M1, M2, UNITS_HEADER, load
from unionboard.importer import create_database, import_bytes
from unionboard.templates import town_template
from unionboard.views import SCOPE_TARGET_COLUMNS, Filters, get_view

M3 = "91310114310000014U"
BUILDINGS = "楼宇名称,街镇\n嘉亭荟,安亭镇\n汇龙大厦,嘉定镇街道\n"
UNITS_2014 = f"""{UNITS_HEADER}
{A1},甲公司,安亭镇,,,制造业,民营企业,否,100,0,在营,单独建会,,2010-01-01,80,0
{A2},乙公司,安亭镇,,嘉亭荟,现代服务业,外资企业,否,10,0,在营,未建会,,,0,0
{J1},丙公司,嘉定镇街道,,,现代服务业,国有企业,否,50,0,在营,单独建会,,2012-05-01,50,0
{M1},马一公司,马陆镇,,,高新技术产业,民营企业,否,40,0,在营,单独建会,,2013-01-01,20,0
{M3},马三公司,马陆镇,,,高新技术产业,民营企业,否,10,0,在营,未建会,,,0,0
"""
UNITS_2015 = f"""{UNITS_HEADER}
{A1},甲公司,安亭镇,,,现代服务业,民营企业,否,100,0,在营,单独建会,,2010-01-01,90,0
{A2},乙公司,安亭镇,,嘉亭荟,现代服务业,外资企业,否,10,0,在营,单独建会,,2015-03-10,8,0
{A3},丁公司,安亭镇,,,高新技术产业,民营企业,是,30,0,在营,单独建会,,2015-06-30,30,0
{J1},丙公司,嘉定镇街道,,,现代服务业,国有企业,否,50,0,在营,单独建会,,2012-05-01,45,0
{J2},庚协会,嘉定镇街道,,汇龙大厦,其他,社会组织,否,20,0,在营,单独建会,,2015-04-01,15,0
{M1},马一公司,马陆镇,,,高新技术产业,民营企业,否,40,0,在营,单独建会,,2013-01-01,25,0
{M2},马二公司,马陆镇,,,高新技术产业,民营企业,否,20,0,在营,单独建会,,2015-05-01,10,0
{M3},马三公司,马陆镇,,,高新技术产业,民营企业,否,10,0,在营,未建会,,,0,0
"""
TOWN_TARGETS = "年度,街镇,指标,目标值\n2015,安亭镇,新建会单位数,5\n"
SCOPED_TARGETS = """年度,街镇,范围,指标,目标值
2015,全区,新经济组织,建会率,90
2015,全区,新经济组织,入会率,80
2015,全区,商务楼宇,建会率,95
2015,全区,商务楼宇,新建会单位数,4
2015,安亭镇,商务楼宇,新发展会员数,10
2015,全区,世界500强,新建会单位数,2
2015,安亭镇,现代服务业,新建会单位数,2
2015,安亭镇,现代服务业,新发展会员数,20
2015,安亭镇,现代服务业,建会率,100
2015,嘉定镇街道,现代服务业,新建会单位数,1
2015,马陆镇,高新技术产业,新建会单位数,2
2015,马陆镇,高新技术产业,新发展会员数,10
"""
TARGET_COLS = list(SCOPE_TARGET_COLUMNS)


def build(db: Path, *, scoped: bool = True) -> Path:
    """The district above; with `scoped`, the targets with a 范围 too."""
    load(db, "buildings", BUILDINGS)
    load(db, "targets", TOWN_TARGETS)
    if scoped:
        load(db, "targets", SCOPED_TARGETS)
    load(db, "units", UNITS_2014, snapshot=dt.date(2014, 12, 31))
    load(db, "units", UNITS_2015, snapshot=dt.date(2015, 6, 30))
    return db


@pytest.fixture
def scoped_db(empty_db: Path) -> Path:
    return build(empty_db)


def cells(df: pd.DataFrame, key: str, cols: list[str]) -> list:
    """One row's cells (by its first column's value), empty cells as None."""
    row = df.set_index(df.columns[0]).loc[key, cols]
    return [None if pd.isna(v) else v for v in row]


def test_industries_against_town_count_targets(scoped_db):
    df = get_view(scoped_db, "industries").df
    assert list(df.columns[-10:]) == TARGET_COLS
    # 现代服务业: A1 (moved in from 制造业), A2, J1 — 1 new union (A2); members 143 − baseline 50 (A2, J1) = 93.
    # No 全区 row: the towns' targets, 安亭 2 + 嘉定 1 = 3 new unions against their 1 (A2) + 0 → 33.33%;
    # 新发展会员数 only 安亭's 20, against 安亭's 98 − 0 = 98 → 490%. 安亭's 建会率 100 is a town's (one town only).
    assert cells(df, "现代服务业", ["在营单位数", "已建会单位数", "新建会单位数", "新发展会员数", *TARGET_COLS]) == [
        3, 3, 1, 93, 3, 33.33, 20, 490.0, None, None, None, None, 49.59, "滞后"]
    # 高新技术产业: A3, M1, M2, M3; only 马陆 has targets: its 1 new union (M2, not 安亭's A3) of 2 → 50% and
    # 35 − 20 = 15 members of 10 → 150%; the lowest, 50, is ≥ 49.59 → 达标
    assert cells(df, "高新技术产业", ["在营单位数", "已建会单位数", "新建会单位数", "新发展会员数", *TARGET_COLS]) == [
        4, 3, 2, 45, 2, 50.0, 10, 150.0, None, None, None, None, 49.59, "达标"]
    # 制造业 lost A1 to 现代服务业: its baseline members 80 are gone from it; no targets
    assert cells(df, "制造业", ["在营单位数", "新发展会员数", *TARGET_COLS]) == [0, -80] + [None] * 10
    assert cells(df, "合计", TARGET_COLS) == [None] * 10


def test_two_new_against_district_rate_targets(scoped_db):
    df = get_view(scoped_db, "two-new").df
    # 新经济组织: A1, A2, A3 (民营/外资), M1, M2, M3: 5 of 6 with a union = 83.33% against 90 → −6.67;
    # members 163 of 210 employees = 77.62% against 80 → −2.38; no count target, so no 进度状态
    assert cells(df, "新经济组织", ["建会率(%)", "入会率(%)", *TARGET_COLS]) == [
        83.33, 77.62, None, None, None, None, 90, -6.67, 80, -2.38, 49.59, None]
    assert cells(df, "新社会组织", TARGET_COLS) == [None] * 10
    assert cells(df, "其他", TARGET_COLS) == [None] * 10  # 其他 is not the industry 其他


def test_fortune500_against_a_district_count_target(scoped_db):
    df = get_view(scoped_db, "fortune500").df
    # A3: 1 new union of the 全区 target 2 → 50% ≥ 49.59; 30 new members, no target for them
    assert cells(df, "世界500强", ["新建会单位数", "新发展会员数", *TARGET_COLS]) == [
        1, 30, 2, 50.0, None, None, None, None, None, None, 49.59, "达标"]
    assert cells(df, "非世界500强", TARGET_COLS) == [None] * 10


def test_buildings_total_is_the_commercial_buildings_scope(scoped_db):
    df = get_view(scoped_db, "buildings").df
    total = df.iloc[-1]
    assert total["街镇"] == "合计" and df.iloc[:-1]["新建会单位数"].isna().all()
    # A2 and J2 (A1, A3, J1, M1–M3 are outside any building): 2 of 2 with a union, 23 members of 30;
    # new unions 2 of the 全区 4 → 50%; new members: 安亭 8 − 0 + 嘉定 15 − 0 = 23, the 全区 has no members
    # target, so the towns': 安亭's 10 against 安亭's 8 → 80%; 建会率 100 against 95 → +5
    got = [None if pd.isna(v) else v for v in total[["在营单位数", "已建会单位数", "建会率(%)", "会员人数", "入会率(%)",
                                                      "新建会单位数", *TARGET_COLS[:2], "新发展会员数",
                                                      *TARGET_COLS[2:]]]]
    assert got == [2, 2, 100.0, 23, 76.67, 2, 4, 50.0, 23, 10, 80.0, 95, 5.0, None, None, 49.59, "达标"]


def test_towns_picked_take_their_own_targets(scoped_db):
    one = get_view(scoped_db, "industries", Filters(towns=["安亭镇"])).df
    # 安亭 alone: A1, A2 — 1 new union of 2 → 50%; 98 new members of 20; its own 建会率 100: 100 − 100 = 0
    assert cells(one, "现代服务业", ["新建会单位数", "新发展会员数", *TARGET_COLS]) == [
        1, 98, 2, 50.0, 20, 490.0, 100, 0.0, None, None, 49.59, "达标"]
    two = get_view(scoped_db, "industries", Filters(towns=["安亭镇", "嘉定镇街道"])).df
    # two towns: the sum of their count targets, no rate target
    assert cells(two, "现代服务业", TARGET_COLS) == [3, 33.33, 20, 490.0, None, None, None, None, 49.59, "滞后"]
    # no 全区 row with towns picked: 新经济组织's rate targets are the district's own
    assert cells(get_view(scoped_db, "two-new", Filters(towns=["安亭镇"])).df, "新经济组织", TARGET_COLS) == [None] * 10
    b = get_view(scoped_db, "buildings", Filters(towns=["安亭镇"])).df.iloc[-1]
    assert [None if pd.isna(v) else v for v in b[["新建会单位数", *TARGET_COLS[:2], "新发展会员数", *TARGET_COLS[2:]]]] \
        == [1, None, None, 8, 10, 80.0, None, None, None, None, 49.59, "达标"]


def test_industry_filter_keeps_only_its_own_row_targets(scoped_db):
    df = get_view(scoped_db, "industries", Filters(industry="现代服务业")).df
    assert cells(df, "现代服务业", TARGET_COLS[:2]) == [3, 33.33]
    assert cells(df, "高新技术产业", TARGET_COLS) == [None] * 10
    assert cells(get_view(scoped_db, "two-new", Filters(industry="现代服务业")).df, "新经济组织", TARGET_COLS) == [None] * 10


def test_towns_view_reads_only_the_towns_targets(scoped_db):
    df = get_view(scoped_db, "towns").df.set_index("街镇")
    assert df.loc["安亭镇", "新建会单位数目标"] == 5 and pd.isna(df.loc["马陆镇", "新建会单位数目标"])
    assert "全区" not in df.index and df.loc["合计", "新建会单位数目标"] == 5


def test_without_scoped_targets_the_views_are_unchanged(empty_db, tmp_path):
    plain = build(empty_db, scoped=False)
    other = tmp_path / "s.duckdb"
    create_database(other)
    build(other)
    for name in ("industries", "two-new", "fortune500", "buildings"):
        before, after = get_view(plain, name).df, get_view(other, name).df
        assert not set(TARGET_COLS) & set(before.columns), name
        assert list(after.columns[:len(before.columns)]) == list(before.columns)
        pd.testing.assert_frame_equal(after[list(before.columns)], before, check_dtype=False)
    assert list(get_view(plain, "buildings").df.columns) == [
        "街镇", "楼宇名称", "在营单位数", "已建会单位数", "建会率(%)", "职工人数", "会员人数", "入会率(%)",
        "楼宇工会联合会", "联合会名称", "成立日期"]
    # the other slices of the same query never carry them
    for name in ("unit-types", "sizes"):
        assert not set(TARGET_COLS) & set(get_view(other, name).df.columns)


def refusals(db: Path, text: str) -> list[tuple[int, str, str]]:
    """The problems of a targets file: (row, column, reason key); nothing is imported."""
    r = import_bytes(db, text.encode("utf-8"), "targets.csv", "targets")
    assert not r.ok
    return sorted((p.row, p.column, p.key) for p in r.problems)


def test_scoped_rows_refused_naming_the_row(empty_db):
    text = """年度,街镇,村居园区,范围,指标,目标值
2015,全区,,新经济组织,建会率,85
2015,全区,,,建会率,85
2015,安亭镇,,两新,新建会单位数,3
2015,安亭镇,,现代服务业,楼宇工会联合会数,1
2015,安亭镇,,商务楼宇,村(园区)工会联合会数,1
2015,全区镇,,现代服务业,新建会单位数,3
"""
    assert refusals(empty_db, text) == [
        (3, "街镇", "district_needs_scope"), (4, "范围", "not_in"), (5, "指标", "scope_indicator"),
        (6, "指标", "scope_indicator"), (7, "街镇", "unknown_town_or_district")]
    r = import_bytes(empty_db, "年度,街镇,村居园区,范围,指标,目标值\n2015,安亭镇,红星村,现代服务业,新建会单位数,3\n"
                     .encode(), "targets.csv", "targets")
    assert not r.ok and ("范围", "scope_with_area") in {(p.column, p.key) for p in r.problems}
    lines = [p.line() for p in import_bytes(empty_db, text.encode("utf-8"), "targets.csv", "targets").problems]
    assert "targets.csv 第3行 B列「街镇」 值「全区」：「全区」目标须填写范围（行业类别、两新组织、世界500强或商务楼宇）" in lines
    assert ("targets.csv 第5行 E列「指标」 值「楼宇工会联合会数」：填写了范围的目标只能是：新建会单位数、新发展会员数、"
            "建会率、入会率") in lines


def test_template_offers_scope_and_district(empty_db):
    lists = dropdowns(workbook(town_template(empty_db, "targets")), "年度目标")
    assert lists["范围"] == ["现代服务业", "高新技术产业", "制造业", "建筑业", "商贸流通", "其他", "新经济组织", "新社会组织",
                           "世界500强", "商务楼宇"]
    assert lists["街镇"][-1] == "全区" and len(lists["街镇"]) == 13
