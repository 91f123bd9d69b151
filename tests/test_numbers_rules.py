"""Issue 23, numbers 1–4: a town that has not reported counts as zero against its target in the trend
too; year-to-date 环比 at the first report of a year is the value itself; 会员锐减 only for units that keep
their union; 村(园区)工会主席培训覆盖率 per town never above 100. Each on a small fixture worked out by hand."""
from __future__ import annotations

import datetime as dt

from conftest import D05, D06, THREE, load
from unionboard.views import Filters, get_view

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
