"""Issue 28 in Debian's Chromium, where AppTest cannot look: what the browser draws from a link carrying
Markdown (no link, no image, nothing fetched from the attacker's host), a sign-in cookie copied before
退出登录 and replayed in another browser, and a cookie of non-ASCII bytes. Uses test_e2e's server (over the
fixture database, with a 管理员 and a 街镇 account); `UNIONBOARD_E2E_PORT` pins its port."""
from __future__ import annotations

import os
import time
import urllib.parse

import pytest
import test_e2e
from test_e2e import ADMIN_PASSWORD, TOWN_PASSWORD, _serve, browser  # noqa: F401 - browser: a fixture

pytestmark = pytest.mark.e2e

PAYLOADS = {"town": "[账号已过期，请点此重新登录](http://evil.example/login) www.evil.example",
            "industry": "![b](http://evil.example/x.png)",
            "asof": "<img src=http://evil.example/y.png>"}
EVIL = "a[href*='evil.example'], img[src*='evil.example']"


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory):
    """test_e2e's dashboard with accounts, on $UNIONBOARD_E2E_PORT when set (else a free port)."""
    port, free = os.environ.get("UNIONBOARD_E2E_PORT"), test_e2e._free_port
    if port:
        test_e2e._free_port = lambda: int(port)
    try:
        yield from _serve(tmp_path_factory, accounts=True)
    finally:
        test_e2e._free_port = free


def goto(page, url: str) -> None:
    """Open a URL and wait for the script's first drawing (on a loaded machine settle can be slow)."""
    page.goto(url)
    page.locator("[data-testid=stMain]").wait_for(timeout=60000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)


def new_page(browser):  # noqa: F811 - the fixture's value
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = ctx.new_page()
    page.fetched = []
    page.on("request", lambda r: page.fetched.append(r.url)
            if urllib.parse.urlsplit(r.url).hostname and "evil" in urllib.parse.urlsplit(r.url).hostname else None)
    return ctx, page


def kept_sign_in(ctx) -> list[dict]:
    """The sign-in cookie, once the page's script has set it (it runs after the page is drawn)."""
    for _ in range(60):
        found = [c for c in ctx.cookies() if c["name"].startswith("unionboard_") and c["value"]]
        if found:
            return found
        time.sleep(0.25)
    return []


def fill_sign_in(page, name: str, password: str) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_text(f"已登录：{name}").wait_for(timeout=60000)


def test_markdown_in_a_link_is_drawn_as_text(accounts_server, browser):  # noqa: F811
    url, _ = accounts_server
    ctx, page = new_page(browser)
    goto(page, url + "/?" + urllib.parse.urlencode(PAYLOADS))
    page.get_by_label("用户名").wait_for(timeout=30000)
    sidebar = page.locator("[data-testid=stSidebar]")
    # before sign-in: the language only — no dates, no towns, no echo of the link
    assert sidebar.locator("[data-testid=stAlert]").count() == 0 and sidebar.locator("[data-testid=stSelectbox]").count() == 0
    assert "evil" not in sidebar.inner_text() and page.locator(EVIL).count() == 0
    fill_sign_in(page, "admin", ADMIN_PASSWORD)
    sidebar.locator("[data-testid=stAlert]").nth(len(PAYLOADS) - 1).wait_for(timeout=30000)
    alerts = [a.inner_text() for a in sidebar.locator("[data-testid=stAlert]").all()]
    # each value shown as the characters it is made of, and nothing drawn or fetched from it
    assert all(any(value in a for a in alerts) for value in PAYLOADS.values()), alerts
    assert page.locator(EVIL).count() == 0 and page.fetched == []
    ctx.close()


def test_a_cookie_copied_before_sign_out_is_refused(accounts_server, browser):  # noqa: F811
    url, _ = accounts_server
    ctx, page = new_page(browser)
    goto(page, url)
    fill_sign_in(page, "anting", TOWN_PASSWORD)
    copied = kept_sign_in(ctx)
    assert len(copied) == 1
    # the copy works while the account is signed in (the attack is real) …
    thief, stolen = new_page(browser)
    thief.add_cookies(copied)
    goto(stolen, url)
    stolen.get_by_text("已登录：anting").wait_for(timeout=60000)
    thief.close()
    page.get_by_role("button", name="退出登录").click()
    page.get_by_label("用户名").wait_for(timeout=30000)
    # … and not after 退出登录, in a browser that never signed out
    thief, stolen = new_page(browser)
    thief.add_cookies(copied)
    goto(stolen, url)
    stolen.get_by_label("用户名").wait_for(timeout=60000)
    assert stolen.get_by_text("已登录：anting").count() == 0
    thief.close()
    ctx.close()


def test_a_cookie_of_non_ascii_bytes_shows_the_sign_in_form(accounts_server, browser):  # noqa: F811
    url, _ = accounts_server
    ctx, page = new_page(browser)
    goto(page, url)
    fill_sign_in(page, "anting", TOWN_PASSWORD)
    name = kept_sign_in(ctx)[0]["name"]
    other, fresh = new_page(browser)
    goto(fresh, url)
    fresh.evaluate(f"document.cookie = '{name}=' + 'é账户.签名' + '; Path=/'")
    goto(fresh, url)
    fresh.get_by_label("用户名").wait_for(timeout=60000)
    assert fresh.locator("[data-testid=stException]").count() == 0
    other.close()
    ctx.close()
