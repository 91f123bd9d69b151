"""审核 on the dashboard (issue 25): a 街镇 account submits its report for review (explaining a finding before
submitting), a 管理员 returns it with a reason on 报表审核, the town sees the reason and sends again, the 管理员
accepts it and the figures change; 报送进度's 催报; what a town account may not see or do.

The district is conftest.build_reports (numbers worked out in tests/test_review.py): 马陆镇's report in force at
2015-06-30 is May's (2 在营 units, 67 members); its June report M1 (50, 10) alone brings 3 findings, and M1 (50, 10)
with M2 (30, 25) brings 会员锐减 M1 only; accepted, 马陆镇 has 2 units and 35 members.
"""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_helpers import metrics, open_page, sign_in, texts
from conftest import D06, M1, M2, roster, row
from unionboard.accounts import accounts_path, add_user
from unionboard.views import Filters, get_view

FIRST = roster(row(M1, "马陆镇", 50, 10, "2010-01-01"))
AGAIN = roster(row(M1, "马陆镇", 50, 10, "2010-01-01"), row(M2, "马陆镇", 30, 25, "2015-03-01"))
REASON = "名册缺少M2，请补全后重报"
ADMIN, TOWN = "admin-pass-1", "town-pass-1"


@pytest.fixture
def db(reports_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(reports_db))
    add_user(accounts_path(reports_db), "admin", "管理员", ADMIN)
    add_user(accounts_path(reports_db), "malu", "街镇", TOWN, town="马陆镇")
    add_user(accounts_path(reports_db), "anting", "街镇", TOWN, town="安亭镇")
    return reports_db


def malu(db) -> tuple[int, int]:  # noqa: ANN001 - a Path
    """马陆镇's 在营单位数 and 会员人数 at 2015-06-30."""
    df = get_view(db, "towns", Filters(as_of=D06)).df.set_index("街镇")
    return int(df.loc["马陆镇", "在营单位数"]), int(df.loc["马陆镇", "会员人数"])


def on(page: str, name: str, password: str):  # noqa: ANN201 - an AppTest
    """Signed in as `name`, on pages/`page`.py."""
    at = open_page()
    sign_in(at, name, password)
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, key: str):  # noqa: ANN001, ANN201
    """The button with this key."""
    return next(b for b in at.button if b.key == key)


def town_sends(name: str, text: str, explain: str | None = None):  # noqa: ANN201
    """A 街镇 account uploads its June report on 数据管理 and submits it (explaining M1's 会员锐减)."""
    at = on("data", name, TOWN)
    at.date_input(key="data_snapshot").set_value(D06).run()
    at.file_uploader(key="data_upload_0").set_value(("马陆6月.csv", text.encode(), "text/csv")).run()
    if explain:
        at.text_input(key=f"data_explain_{M1}_会员锐减").input(explain).run()
    if "data_agree" in [c.key for c in at.checkbox]:
        at.checkbox(key="data_agree").check().run()
    submit = button(at, "data_confirm")
    assert submit.label == "提交审核"
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_submit_return_resubmit_accept(db):
    at = town_sends("malu", FIRST, explain="换届后会员重新登记")
    assert "已提交报表 #7，待区总工会审核；审核通过前不计入统计" in [s.value for s in at.success]
    mine = next(d.value for d in at.dataframe if "审核状态" in d.value.columns)
    assert mine[["报表编号", "报表日期", "单位数", "审核状态"]].values.tolist() == [
        [7, D06, 1, "待审核"], [4, dt.date(2015, 5, 31), 2, "已通过"], [2, dt.date(2014, 12, 31), 1, "已通过"]]
    assert malu(db) == (2, 67)  # waiting: counted in no figure

    admin = on("review", "admin", ADMIN)
    assert "待审核报表 1 份（按报送时间先后）" in texts(admin)
    assert "#7 · 马陆镇 · 2015-06-30 报表" in texts(admin)
    assert metrics(admin) == {"单位数": "1", "上期已通过报表（2015-05-31）": "2", "较上期变化": "-1"}
    assert "名册核对：3 项，其中待说明 2 项" in texts(admin)
    assert "马陆镇单位数较此前减少 50.0%（1 家，此前 2 家），超过 20%，请核对名册是否填全" in texts(admin)
    found = next(d.value for d in admin.dataframe if "核对项" in d.value.columns)
    assert found[["核对项", "统一社会信用代码", "说明状态", "说明"]].fillna("").values.tolist() == [
        ["单位消失未报动态", M2, "待说明", ""], ["工会断线", M2, "待说明", ""], ["会员锐减", M1, "已说明", "换届后会员重新登记"]]
    button(admin, "review_return_7").click().run()  # no reason: refused, nothing changed
    assert "退回报表必须填写退回原因（街镇将看到该原因）" in [e.value for e in admin.error]
    admin.text_area(key="review_reason_7").input(REASON).run()
    button(admin, "review_return_7").click().run()
    assert "已退回报表 #7（马陆镇 2015-06-30）" in [s.value for s in admin.success]
    assert "当前没有待审核的报表。" in [s.value for s in admin.success]

    at = on("data", "malu", TOWN)
    assert any(REASON in e.value and "报表 #7（2015-06-30）已被退回" in e.value for e in at.error)
    # the town explains a finding of its returned report after submitting (boxes: the unexplained first)
    boxes = {b.key: b.value for b in at.text_input if b.key.startswith("town_explain_7_")}
    assert boxes == {f"town_explain_7_{M2}_单位消失未报动态": "", f"town_explain_7_{M2}_工会断线": "",
                     f"town_explain_7_{M1}_会员锐减": "换届后会员重新登记"}
    at.text_input(key=f"town_explain_7_{M2}_工会断线").input("漏填，重报时补上")
    next(b for b in at.button if b.label == "保存说明").click().run()
    assert "已保存 1 条说明" in [s.value for s in at.success]
    sub = on("submissions", "admin", ADMIN)
    assert f"马陆镇2015年6月单位名册已被退回（原因：{REASON}），请修改后重新报送。" in sub.code[0].value

    town_sends("malu", AGAIN)  # replaces the returned report: no confirmation
    admin = on("review", "admin", ADMIN)
    assert "#8 · 马陆镇 · 2015-06-30 报表" in texts(admin)
    # the explanation followed the report to its replacement
    found = next(d.value for d in admin.dataframe if "核对项" in d.value.columns)
    assert found[["核对项", "说明"]].values.tolist() == [["会员锐减", "换届后会员重新登记"]]
    button(admin, "review_accept_8").click().run()
    assert "已通过报表 #8（马陆镇 2015-06-30），已计入统计" in [s.value for s in admin.success]
    assert malu(db) == (2, 35)


def test_a_town_account_neither_sees_nor_decides_reviews(db):
    town_sends("malu", FIRST)
    at = on("review", "anting", TOWN)
    assert "只有管理员可以审核报表；街镇账户在「数据管理」中查看本镇报表的审核状态。" in texts(at)
    assert not [b for b in at.button if b.key.startswith("review_")] and "马陆镇" not in texts(at)
    own = on("review", "malu", TOWN)  # not even its own report
    assert not [b for b in own.button if b.key.startswith("review_")] and "#7" not in texts(own)
    data = on("data", "anting", TOWN)  # 安亭镇 sees its own reports only
    mine = next(d.value for d in data.dataframe if "审核状态" in d.value.columns)
    assert mine["报表编号"].tolist() == [6, 3, 1] and "马陆" not in str(mine.values.tolist())


def test_a_decision_rechecks_the_account_when_it_acts(db):
    town_sends("malu", FIRST)
    admin = on("review", "admin", ADMIN)
    add_user(accounts_path(db), "admin", "领导", ADMIN)  # demoted on the server after the page was drawn
    admin.text_area(key="review_reason_7").input(REASON)
    button(admin, "review_return_7").click().run()
    june = get_view(db, "submissions", Filters(as_of=D06)).df.query("街镇 == '马陆镇' and 报表日期 == @D06")
    assert june.iloc[0]["审核状态"] == "待审核"


def test_two_admins_on_the_page_one_wins_the_other_is_told(db):
    add_user(accounts_path(db), "admin2", "管理员", ADMIN)
    town_sends("malu", FIRST)
    first, second = on("review", "admin", ADMIN), on("review", "admin2", ADMIN)
    button(first, "review_accept_7").click().run()  # the first decides
    second.text_area(key="review_reason_7").input(REASON)
    button(second, "review_return_7").click().run()  # the second's page still showed the report
    told = [e.value for e in second.error]
    assert len(told) == 1 and told[0].startswith("报表 #7 已于") and told[0].endswith("由 admin 审核（已通过），不能再次审核")
    assert malu(db) == (1, 10)  # the first decision stands: M1 alone, 10 members
