"""The towns view against a hand computation (see conftest.py for the fixture rows)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from unionboard.views import Filters, ViewError, get_view

COLUMNS = ["街镇", "在营单位数", "已建会单位数", "建会率(%)", "职工人数", "会员人数", "入会率(%)", "农民工人数",
           "农民工会员数", "农民工入会率(%)", "新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)",
           "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "序时进度(%)", "进度状态"]


def row(df: pd.DataFrame, town: str) -> dict:
    return df[df["街镇"] == town].iloc[0].to_dict()


def test_columns_and_order(fixture_db):
    df = get_view(fixture_db, "towns").df
    assert list(df.columns) == COLUMNS
    assert list(df["街镇"]) == ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇", "华亭镇",
                              "外冈镇", "江桥镇", "菊园新区", "嘉定工业区", "合计"]


def test_anting_by_hand(fixture_db):
    r = get_view(fixture_db, "towns").df.pipe(row, "安亭镇")
    # 在营 = A1, A2, A3, A5 (停产 counts; A4 关闭 does not); 已建会 = A1, A2, A3
    assert (r["在营单位数"], r["已建会单位数"], r["建会率(%)"]) == (4, 3, 75.0)
    assert (r["职工人数"], r["会员人数"], r["入会率(%)"]) == (165, 128, 77.58)  # 128/165
    assert (r["农民工人数"], r["农民工会员数"], r["农民工入会率(%)"]) == (45, 39, 86.67)  # 39/45
    # new unions: A2 (2015-03-10), A3 (on the snapshot date), A4 (closed, any 经营状态 counts)
    assert (r["新建会单位数"], r["新建会单位数目标"], r["新建会单位数完成率(%)"]) == (3, 6, 50.0)
    # new members: 128 now - 80 at the 2014-12-31 baseline
    assert (r["新发展会员数"], r["新发展会员数目标"], r["新发展会员数完成率(%)"]) == (48, 100, 48.0)
    assert r["序时进度(%)"] == 49.59
    # lowest completion 48.00 (members; 村(园区) 1/2 = 50) is below 49.59 but above 0.8 x 49.59
    assert r["进度状态"] == "预警"


def test_town_without_targets_and_zero_denominators(fixture_db):
    df = get_view(fixture_db, "towns").df
    r = row(df, "嘉定镇街道")
    assert (r["在营单位数"], r["已建会单位数"], r["建会率(%)"], r["职工人数"], r["会员人数"]) == (2, 1, 50.0, 50, 45)
    assert pd.isna(r["农民工入会率(%)"])  # 0 migrant workers: empty, not 0
    assert r["新发展会员数"] == -5  # 45 - 50
    assert pd.isna(r["新建会单位数目标"]) and pd.isna(r["新建会单位数完成率(%)"]) and pd.isna(r["进度状态"])
    e = row(df, "外冈镇")  # never reported: counts as zero (未报送), and has no baseline report
    assert (e["在营单位数"], e["新建会单位数"]) == (0, 0) and pd.isna(e["新发展会员数"])
    assert pd.isna(e["建会率(%)"]) and pd.isna(e["入会率(%)"])


def test_total_row_rates_from_sums(fixture_db):
    t = get_view(fixture_db, "towns").df.pipe(row, "合计")
    assert (t["在营单位数"], t["已建会单位数"], t["建会率(%)"]) == (6, 4, 66.67)
    # from sums 173/215 = 80.47, not the mean of 77.58 and 90.00
    assert (t["职工人数"], t["会员人数"], t["入会率(%)"]) == (215, 173, 80.47)
    assert (t["新建会单位数"], t["新建会单位数目标"], t["新建会单位数完成率(%)"]) == (3, 6, 50.0)
    # 43 = 48 (安亭镇) - 5 (嘉定镇街道); only 安亭镇 has the target, so 合计完成率 = 48 / 100, not 43 / 100
    assert (t["新发展会员数"], t["新发展会员数目标"], t["新发展会员数完成率(%)"]) == (43, 100, 48.0)
    assert t["进度状态"] == "预警"


def test_town_filter_and_alias(fixture_db):
    df = get_view(fixture_db, "towns", Filters(towns=["安亭", "嘉定镇街道"])).df
    assert list(df["街镇"]) == ["嘉定镇街道", "安亭镇", "合计"]
    t = row(df, "合计")
    assert (t["在营单位数"], t["会员人数"]) == (6, 173)


def test_missing_baseline_leaves_new_members_empty(fixture_db):
    # as of 2014-12-31 the baseline would be a 2013 snapshot, which does not exist
    df = get_view(fixture_db, "towns", Filters(as_of=dt.date(2014, 12, 31))).df
    r = row(df, "安亭镇")
    assert pd.isna(r["新发展会员数"]) and pd.isna(r["新发展会员数完成率(%)"])
    assert r["序时进度(%)"] == 100.0
    assert r["在营单位数"] == 2


def test_as_of_between_snapshots_uses_latest_before(fixture_db):
    res = get_view(fixture_db, "towns", Filters(as_of=dt.date(2015, 7, 20)))
    assert (res.resolved.snapshot, res.resolved.year) == (dt.date(2015, 6, 30), 2015)
    assert res.resolved.notes()[0] == "截至 2015-07-20：使用报表日期 2015-06-30（此前最近的一期）"


def test_as_of_in_a_year_without_reports_is_refused(fixture_db):
    # 2015-05-01: the latest report on or before it is 2014-12-31, which is 2014's, not 2015's
    with pytest.raises(ViewError) as err:
        get_view(fixture_db, "towns", Filters(as_of=dt.date(2015, 5, 1)))
    assert str(err.value) == ("2015年尚无报送的单位名册：2015-05-01 及之前最近的报表日期是 2014-12-31"
                              "（属于上一年度，不作为2015年的数据）")
    with pytest.raises(ViewError):
        get_view(fixture_db, "towns", Filters(year=2016))


def test_industry_filter_hides_targets(fixture_db):
    df = get_view(fixture_db, "towns", Filters(industry="制造业")).df
    r = row(df, "安亭镇")
    assert (r["在营单位数"], r["新建会单位数"]) == (1, 1)  # A1 active; A4 (closed) formed in 2015
    assert pd.isna(r["新建会单位数目标"]) and pd.isna(r["进度状态"])
