"""Issue 23, numbers 1–4: a town that has not reported counts as zero against its target in the trend
too; year-to-date 环比 at the first report of a year is the value itself; 会员锐减 only for units that keep
their union; 村(园区)工会主席培训覆盖率 per town never above 100. Each on a small fixture worked out by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import A1, BUILDINGS, D05, D06, FEDERATIONS, THREE, UNITS_HEADER, load
from spreadsheets import MERGES, town_sheet, xls_bytes, xlsx_bytes
from unionboard.importer import check_bytes, import_bytes
from unionboard.views import Filters, get_view


@pytest.fixture
def db(empty_db):
    """The town dictionary with conftest's buildings and federations (the town sheet's 所属联合会)."""
    load(empty_db, "buildings", BUILDINGS)
    load(empty_db, "federations", FEDERATIONS)
    return empty_db

# 嘉定镇街道 has targets and never reports (reports_db of conftest.py: 安亭镇, 马陆镇, 南翔镇 report)
NEVER_REPORTED_TARGETS = "年度,街镇,指标,目标值\n2015,嘉定镇街道,新建会单位数,5\n2015,嘉定镇街道,新发展会员数,50\n"
FOUR = [*THREE, "嘉定镇街道"]


def test_trend_counts_a_town_without_a_report_against_its_target(reports_db):
    load(reports_db, "targets", NEVER_REPORTED_TARGETS)
    trend = get_view(reports_db, "trend", Filters(towns=FOUR)).df.set_index("报表日期")
    cols = ["新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)", "新发展会员数", "新发展会员数目标",
            "新发展会员数完成率(%)", "未报送街镇数"]
    # 2015-05-31: 新建会 安亭 0 + 马陆 1 (M2) + 南翔 1 (N1) = 2; targets 4 + 2 + 5 = 11 (嘉定镇街道's 5 joins);
    # 完成率 over the towns with the target: (0 + 1 + 0) / 11 = 9.09. 新发展会员数: 安亭 85 - 80 = 5, 马陆
    # 67 - 40 = 27 (南翔 and 嘉定 have no baseline): 32; target 40 + 50 = 90; 完成率 5 / 40 (安亭, the one town
    # with the target and a value) = 12.5
    assert trend.loc[D05, cols].tolist() == [2, 11, 9.09, 32, 90, 12.5, 1]
    # 2015-06-30: 安亭 forms A2's union (2015-06-10): (1 + 1 + 0) / 11 = 18.18; 安亭 90 + 8 - 80 = 18 (+ 马陆's 27 = 45):
    # 18 / 40 = 45
    assert trend.loc[D06, cols].tolist() == [3, 11, 18.18, 45, 90, 45.0, 1]
    # the same figures as the towns view's 合计 at each date
    for day in (D05, D06):
        total = get_view(reports_db, "towns", Filters(as_of=day, towns=FOUR)).df.iloc[-1]
        assert total[cols[:-1]].tolist() == trend.loc[day, cols[:-1]].tolist()


def test_trend_ytd_vs_previous_at_the_first_report_of_a_year_is_the_value_itself(reports_db):
    trend = get_view(reports_db, "trend", Filters(towns=THREE)).df.set_index("报表日期")
    # 2015-05-31 follows 2014-12-31 (another year): 新建会单位数 2 (M2, N1), 环比 +2, not 2 minus 2014's
    # full-year count; 新发展会员数 5 + 27 = 32 (南翔 has no baseline), 环比 32
    may = trend.loc[D05]
    assert (may["环比报表日期"], may["新建会单位数"], may["新建会单位数环比"]) == (dt.date(2014, 12, 31), 2, 2)
    assert (may["新发展会员数"], may["新发展会员数环比"]) == (32, 32)
    # within the year it is the difference: 2015-06-30 has 3 (A2 joins) → +1; 新发展会员数 45 → +13
    june = trend.loc[D06]
    assert (june["新建会单位数环比"], june["新发展会员数环比"]) == (1, 13)
    # a stock keeps its difference across 1 January: 会员人数 (85 + 42 + 25 + 30) - (80 + 40) = 62
    assert may["会员人数环比"] == 62


def test_chairs_trained_per_town_never_above_100_and_the_total_sums_the_towns(fixture_db):
    # conftest's district: 安亭镇 has 1 村(园区)工会联合会 (红星村, 2015-02-01) and 3 chair places in March;
    # 嘉定镇街道 2 places and none. Add 马陆镇: 3 federations, 2 places; 安亭镇 one more federation
    load(fixture_db, "federations", "联合会名称,类型,街镇,村居园区,楼宇名称,成立日期,专职干部人数\n"
         "安亭园区工会联合会,园区工会联合会,安亭镇,,,2015-03-01,0\n"
         "马陆一村工会联合会,村工会联合会,马陆镇,,,2015-01-10,0\n"
         "马陆二村工会联合会,村工会联合会,马陆镇,,,2015-01-10,0\n"
         "马陆园区工会联合会,园区工会联合会,马陆镇,,,2015-01-10,0\n")
    load(fixture_db, "training", "开始日期,结束日期,地点,主办单位,参训街镇,培训对象,参训人数\n"
         "2015-04-01,2015-04-01,马陆镇社区学校,马陆镇,马陆镇,村(园区)工会主席,2\n")
    df = get_view(fixture_db, "training").df.set_index("街镇")
    cols = ["村(园区)工会主席", "村(园区)工会联合会数", "主席培训覆盖联合会数", "村(园区)工会主席培训覆盖率(%)"]
    assert df.loc["安亭镇", cols].tolist() == [3, 2, 2, 100.0]  # 3 places, 2 federations: 100, not 150
    assert df.loc["马陆镇", cols].tolist() == [2, 3, 2, 66.67]
    assert df.loc["嘉定镇街道", cols[:3]].tolist() == [2, 0, 0]
    # 合计: places 3 + 2 + 2 = 7 beside it; covered 2 + 2 + 0 = 4 of 5 federations = 80 (not 7/5 = 140)
    assert df.loc["合计", cols].tolist() == [7, 5, 4, 80.0]


# ---- 5. a title that gives a month without a day is that month's last day, with a notice

def month_titled(title: str, second: str = "填报单位：马陆镇总工会（盖章）") -> list[list[object]]:
    """The town sheet of tests/spreadsheets.py with another title and second row (no full date in either)."""
    return [[title], [second], *town_sheet()[2:]]


def test_a_real_xls_titled_with_a_month_is_that_months_last_day(db):
    data = xls_bytes({"单位名册": month_titled("马陆镇2015年6月单位建会情况统计表")}, merges={"单位名册": MERGES})
    r = import_bytes(db, data, "马陆镇6月.xls", "units")
    assert r.ok, [p.line() for p in r.problems]
    assert [n.line() for n in r.notices][0] == (
        "马陆镇6月.xls［单位名册］ 第1行：标题只写到月份（「2015年6月」），报表日期取该月最后一天：2015-06-30；"
        "如不是这一天，请另行给出报表日期")
    assert get_view(db, "towns").resolved.snapshot == dt.date(2015, 6, 30)


@pytest.mark.parametrize(("second", "words", "day"), [
    ("统计期间：2015年1-6月", "2015年1-6月", "2015-06-30"),
    ("2015年1至6月", "2015年1至6月", "2015-06-30"),
    ("统计期间：2015年1月至2月", "2015年1月至2月", "2015-02-28"),
    ("2016年 2 月", "2016年2月", "2016-02-29"),          # a leap year's February
])
def test_month_ranges_and_spacing_take_the_last_month(db, second, words, day):
    text = "\n".join(["单位建会情况统计表", second, UNITS_HEADER,
                      f"{A1},甲,马陆,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,1"]) + "\n"
    r = check_bytes(db, text.encode("gb18030"), "马陆.csv", "units")
    assert r.ok, [p.line() for p in r.problems]
    assert f"马陆.csv 第2行：标题只写到月份（「{words}」），报表日期取该月最后一天：{day}" in r.notices[0].line()


def test_a_month_is_not_taken_from_when_the_file_was_filled_in(db):
    # 填表日期 says when the file was made, not the report date: nothing to take, the date must be given
    text = (f"单位建会情况统计表\n填表日期：2015年7月\n{UNITS_HEADER}\n"
            f"{A1},甲,马陆,,,制造业,民营企业,否,10,2,在营,单独建会,,2015-01-01,5,1\n")
    r = check_bytes(db, text.encode("utf-8"), "马陆.csv", "units")
    assert [p.line() for p in r.problems] == [
        "马陆.csv：未给出报表日期：请在上传处选择「报表日期」（命令行用 --snapshot），或在文件中加「报表日期」列"]


def test_a_month_and_its_own_last_day_are_one_date_two_dates_are_an_error_naming_both(db):
    same = month_titled("马陆镇2015年6月单位建会情况统计表", "截至2015年6月30日")
    r = check_bytes(db, xlsx_bytes({"单位名册": same}, merges={"单位名册": MERGES}), "马陆.xlsx", "units")
    assert r.ok and [n.line() for n in r.notices][0] == "马陆.xlsx［单位名册］ 第2行：报表日期取自表头上方的标题：2015-06-30"
    both = month_titled("马陆镇2015年6月单位建会情况统计表", "报表日期：2015年7月31日")
    r = check_bytes(db, xlsx_bytes({"单位名册": both}, merges={"单位名册": MERGES}), "马陆.xlsx", "units")
    assert [p.line() for p in r.problems] == [
        "马陆.xlsx［单位名册］：表头上方的标题给出了两个不同的报表日期：第1行「2015年6月」（2015-06-30）与第2行「2015年7月31日」"
        "（2015-07-31）；请在标题中只保留一个日期，或用 --snapshot（数据管理页：报表日期）给出报表日期"]
    # a date given otherwise settles it, as before
    data = xlsx_bytes({"单位名册": both}, merges={"单位名册": MERGES})
    assert check_bytes(db, data, "马陆.xlsx", "units", snapshot=dt.date(2015, 7, 31)).ok
