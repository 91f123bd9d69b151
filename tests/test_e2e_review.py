"""End-to-end (issue 25): in Chromium, a 街镇 account submits its report, a 管理员 returns it with a reason on
报表审核, the town sees the reason and sends the report again, and the 管理员 accepts it — then it counts.

The fixture district (conftest.build_fixture) has 安亭镇's units of 2015-06-30; 安亭镇 sends July's: first without
its last unit (returned: "名册漏报1家单位"), then whole.
"""
from __future__ import annotations

import datetime as dt

import pytest
from test_e2e import SHOTS, TOWN_PASSWORD, _serve, browser, settle, sign_in  # noqa: F401 - browser: a fixture

from conftest import UNITS_2015, UNITS_HEADER
from unionboard.views import Filters, get_view

pytestmark = pytest.mark.e2e

from playwright.sync_api import expect  # noqa: E402

ADMIN_PASSWORD = "e2e-admin-pass"
REASON = "名册漏报1家单位，请补全后重报"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """The dashboard over the fixture database with a 管理员 and 安亭镇's account."""
    yield from _serve(tmp_path_factory, accounts=True)


def _signed_in(page, url: str, name: str, password: str) -> None:  # noqa: ANN001
    """Sign in and wait until the browser keeps the sign-in (its cookie, set by a line of JavaScript after the
    page is drawn), so that opening another page's address keeps the account."""
    sign_in(page, url, name, password)
    for _ in range(50):
        if page.context.cookies():
            return
        page.wait_for_timeout(200)
    raise AssertionError("the sign-in cookie was never set")


def _july(tmp_path, rows: list[str], name: str):  # noqa: ANN001, ANN202 - a Path
    path = tmp_path / name
    path.write_text(UNITS_HEADER + ",报表日期\n" + "\n".join(r + ",2015-07-31" for r in rows) + "\n", encoding="utf-8-sig")
    return path


def _send(page, path) -> None:  # noqa: ANN001
    """The town, on 数据管理, uploads a report and submits it for review."""
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))
    settle(page)
    expect(page.get_by_text("校验通过").first).to_be_visible(timeout=30000)
    page.get_by_role("button", name="提交审核").click()
    settle(page)
    expect(page.get_by_text("待区总工会审核").first).to_be_visible(timeout=30000)


def test_town_upload_admin_return_and_resubmission(review_server, browser, tmp_path):  # noqa: F811
    url, db = review_server
    rows = [r for r in UNITS_2015.strip().splitlines()[1:] if ",安亭镇," in r]
    town = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    admin = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    _signed_in(town, f"{url}/data", "anting", TOWN_PASSWORD)
    _send(town, _july(tmp_path, rows[:-1], "安亭镇7月.csv"))
    assert get_view(db, "towns").resolved.snapshot == dt.date(2015, 6, 30)  # waiting: not counted

    _signed_in(admin, f"{url}/review", "admin", ADMIN_PASSWORD)
    expect(admin.get_by_text("安亭镇 · 2015-07-31 报表").first).to_be_visible(timeout=30000)
    admin.get_by_label("退回原因").first.fill(REASON)
    admin.get_by_role("button", name="退回", exact=True).first.click()
    settle(admin)
    expect(admin.get_by_text("已退回报表").first).to_be_visible(timeout=30000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    admin.screenshot(path=str(SHOTS / "review_returned.png"))

    town.goto(f"{url}/data")
    settle(town)
    expect(town.get_by_text(REASON).first).to_be_visible(timeout=30000)
    _send(town, _july(tmp_path, rows, "安亭镇7月_重报.csv"))

    admin.goto(f"{url}/review")
    settle(admin)
    expect(admin.get_by_text("安亭镇 · 2015-07-31 报表").first).to_be_visible(timeout=30000)
    admin.get_by_role("button", name="通过", exact=True).first.click()
    settle(admin)
    expect(admin.get_by_text("已计入统计").first).to_be_visible(timeout=30000)
    res = get_view(db, "towns", Filters(towns=["安亭镇"]))
    assert res.resolved.snapshot == dt.date(2015, 7, 31) and int(res.df.iloc[0]["在营单位数"]) == 4
