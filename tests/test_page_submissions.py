"""报送进度 page, the reporting line on 总览, carried-forward notices, and a 街镇 account sending its report."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from apptest_helpers import metrics, open_page, texts
from conftest import A1, roster, row
from unionboard.accounts import accounts_path, add_user
from unionboard.summary import reporting_line
from unionboard.views import Filters, get_view


@pytest.fixture(autouse=True)
def _db(reports_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(reports_db))


def test_page_numbers_are_the_view(reports_db):
    at = open_page("submissions")
    table = at.dataframe[0].value
    assert table.equals(get_view(reports_db, "submissions").df)  # today is long after the due days
    # 2015-06-30: 安亭镇 on time; the other 11 towns missing (none of them pending any more)
    assert metrics(at) == {"按时": "1", "逾期": "0", "未报送": "11", "待报": "0"}
    assert "2015年6月：1个街镇已报送，新成路街道、真新街道、嘉定镇街道、南翔镇、马陆镇" in texts(at)
    assert "报送期限：报表日期后第 5 天（含）" in texts(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = spec["data"][0]
    assert heat["y"][:6] == ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇"]
    assert heat["x"] == ["2014-12", "2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06"]
    anting = heat["text"][4]
    assert anting == ["按时", "未报送", "未报送", "未报送", "未报送", "按时", "按时"]
    assert heat["text"][5][5] == "逾期"  # 马陆镇's May report came on 06-08


def test_reporting_line_with_pending_and_late_towns(reports_db):
    # June asked for: on 2015-07-03 it is still coming in, so it is not the default as-of date (issue 22/28)
    df = get_view(reports_db, "submissions", Filters(as_of=dt.date(2015, 6, 30), towns=["安亭镇", "马陆镇", "南翔镇"],
                                                     today=dt.date(2015, 7, 3))).df
    assert reporting_line(df) == "2015年6月：1个街镇已报送，南翔镇、马陆镇尚未到报送期限。"
    may = df[df["报表日期"] <= dt.date(2015, 5, 31)]
    assert reporting_line(may) == "2015年5月：3个街镇已报送（其中马陆镇逾期）。"


def test_pages_name_the_towns_carried_forward():
    at = open_page("overview", query={"town": ["安亭镇", "马陆镇", "南翔镇"]})
    assert "2 个街镇沿用此前报送的数据：南翔镇（沿用 2015-05-31 报送数据）、马陆镇（沿用 2015-05-31 报送数据）" in texts(at)
    assert "2015年6月：1个街镇已报送，南翔镇、马陆镇未报送。" in texts(at)
    assert metrics(at)["会员"] == "195"
    for page in ("towns", "industries", "buildings", "uncovered", "meeting"):
        at = open_page(page, query={"town": ["安亭镇", "马陆镇", "南翔镇"]})
        assert "沿用 2015-05-31 报送数据" in texts(at), page


def test_a_town_account_sends_its_own_report(reports_db):
    add_user(accounts_path(reports_db), "anting", "街镇", "town-pass-1", town="安亭镇")
    at = open_page("data")
    at.text_input(key="auth_name").input("anting")
    at.text_input(key="auth_password").input("town-pass-1")
    at.button[0].click().run()
    at.switch_page("pages/data.py").run()
    assert "街镇账户：可在此报送本街镇（安亭镇）的单位名册，以及本街镇与村居园区签订的年度目标。" in texts(at)
    assert "data_kind" not in [s.key for s in at.selectbox]  # no kind, no town to choose: units of 安亭镇
    assert "data_town" not in [s.key for s in at.selectbox]
    at.date_input(key="data_snapshot").set_value(dt.date(2015, 7, 31)).run()
    other = roster(row(A1, "安亭镇", 100, 91, "2010-01-01"), row("91310114310000011J", "马陆镇", 50, 44, "2010-01-01"))
    at.file_uploader(key="data_upload_0").set_value(("安亭7月.csv", other.encode(), "text/csv")).run()
    report = next(d.value for d in at.dataframe if "问题" in d.value.columns)
    assert (report["行"].iloc[0], report["问题"].iloc[0]) == (3, "不是申报街镇「安亭镇」的单位：本次只能报送安亭镇的名册")
    mine = roster(row(A1, "安亭镇", 100, 91, "2010-01-01"))
    at.file_uploader(key="data_upload_0").set_value(("安亭7月.csv", mine.encode(), "text/csv")).run()
    assert "安亭镇 2015-07-31：文件 1 行；较上期（2015-06-30，2 家）-1" in texts(at)
    assert "安亭镇单位数较此前减少 50.0%（1 家，此前 2 家），超过 20%，请核对名册是否填全" in texts(at)
    confirm = next(b for b in at.button if b.key == "data_confirm")
    assert confirm.disabled  # the shrink must be confirmed first
    at.checkbox(key="data_agree").check().run()
    next(b for b in at.button if b.key == "data_confirm").click().run()
    assert not at.exception
    # issue 25: with review on (the default), a town's report waits for a 管理员, counted in no figure until accepted
    res = get_view(reports_db, "towns", Filters(towns=["安亭镇"]))
    assert (res.resolved.snapshot, res.df.iloc[0]["会员人数"]) == (dt.date(2015, 6, 30), 98)
    from unionboard import review
    from unionboard.store import connect_read

    con = connect_read(reports_db)
    waiting = review.waiting(con)
    con.close()
    assert [(r.town, r.snapshot, r.units) for r in waiting] == [("安亭镇", dt.date(2015, 7, 31), 1)]
    review.decide(reports_db, waiting[0].report_id, True, user="admin")
    res = get_view(reports_db, "towns", Filters(towns=["安亭镇"]))
    assert (res.resolved.snapshot, res.df.iloc[0]["会员人数"]) == (dt.date(2015, 7, 31), 91)
    assert "已提交报表 #7，待区总工会审核；审核通过前不计入统计" in [s.value for s in at.success]
    assert not any(b.key == "data_rollback" for b in at.button)  # a town account cannot roll back
