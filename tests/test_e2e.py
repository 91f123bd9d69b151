"""End-to-end: the dashboard in Debian's Chromium, driven with Playwright, as a leader clicks it.

Starts `streamlit run dashboard.py` on a free port over a fixture database. Skips (saying why)
only when no Chromium exists and CI is not set; in CI they must run. `python -m pytest -m e2e`.
Screenshots of every page go to shots/e2e/ (ignored by git) for a person to look at.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, UNITS_2015, UNITS_HEADER, build_fixture
from unionboard.accounts import add_user
from unionboard.cli import main
from unionboard.importer import create_database

pytestmark = pytest.mark.e2e

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "shots" / "e2e"
ADMIN_PASSWORD = "e2e-admin-pass"
PAGES = ["overview", "towns", "industries", "buildings", "federations", "dynamics", "training", "uncovered",
         "submissions", "data", "meeting"]
CHART_PAGES = {"meeting": 0, "overview": 2, "towns": 1, "industries": 2, "buildings": 1, "federations": 1, "dynamics": 1,
               "training": 2, "uncovered": 1, "submissions": 1}
TOWN_PASSWORD = "e2e-town-pass"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI is set but Chromium is missing: scripts/setup.sh --browser installs it")
    pytest.skip("no Chromium on this machine (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard on a free port over a fresh fixture database, no accounts (read-only); (url, db)."""
    yield from _serve(tmp_path_factory, accounts=False)


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    """The same with an accounts file holding one 管理员 (uploads enabled after signing in)."""
    yield from _serve(tmp_path_factory, accounts=True)


def _serve(tmp_path_factory, *, accounts: bool):
    db = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    create_database(db)
    build_fixture(db)
    if accounts:
        add_user(db.parent / "accounts.toml", "admin", "管理员", ADMIN_PASSWORD)
        add_user(db.parent / "accounts.toml", "anting", "街镇", TOWN_PASSWORD, town="安亭镇")
    for url in serve_dashboard(db):
        yield url, db


def serve_dashboard(db):  # noqa: ANN001, ANN201 - a generator for a fixture to `yield from`
    """A real Streamlit server over `db` on a free port: yields its URL once healthy, stops it afterwards."""
    port = _free_port()
    env = dict(os.environ, UNIONBOARD_DB=str(db))
    env.pop("UNIONBOARD_ACCOUNTS", None)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                             "--server.headless", "true", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError(proc.stdout.read().decode(errors="replace")[-3000:])
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN", accept_downloads=True)
    pg = ctx.new_page()
    pg.console_errors = []
    pg.bad_responses = []
    # "Failed to load resource" is reported with its response below; anything else is an error
    pg.on("console", lambda m: pg.console_errors.append(m.text)
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("response", lambda r: pg.bad_responses.append(r.url) if r.status >= 400 else None)
    yield pg
    ctx.close()


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the script and drawn the page."""
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stMain]", timeout=30000)
    page.wait_for_timeout(800)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)
    page.wait_for_timeout(300)


def sign_in(page: Page, url: str, name: str = "admin", password: str = ADMIN_PASSWORD) -> None:
    """Sign in as a test account (the administrator unless told; accounts are configured on the test server)."""
    page.goto(url)
    settle(page)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    settle(page)
    expect(page.get_by_text(f"已登录：{name}")).to_be_visible(timeout=20000)


def kpi(page: Page, label: str) -> str:
    """The value of the metric card with this label."""
    card = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return card.locator("[data-testid=stMetricValue]").inner_text().strip()


def test_every_page_loads_with_charts_and_no_errors(server, page):
    url, _ = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        page.goto(f"{url}/{name}")
        settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, name
        charts = CHART_PAGES.get(name, 0)
        if charts:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20000)
            assert page.locator(".js-plotly-plot").count() >= charts, name
        page.screenshot(path=str(SHOTS / f"{PAGES.index(name):02d}_{name}.png"), full_page=True)
    assert page.console_errors == []
    # Streamlit's frontend probes <page>/_stcore/{health,host-config} for a base path first: those 404s are its own
    unexpected = [u for u in page.bad_responses
                  if not any(u == f"{url}/{n}/_stcore/{e}" for n in PAGES for e in ("health", "host-config"))]
    assert unexpected == []


def test_picking_a_town_changes_the_kpis(server, page):
    url, _ = server
    page.goto(url)
    settle(page)
    assert kpi(page, "在营单位") == "6"
    box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
    box.click()
    page.keyboard.type("安亭镇")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    expect(page.locator("[data-testid=stMetric]").filter(has_text="在营单位").first).to_contain_text("4")
    assert kpi(page, "在营单位") == "4" and kpi(page, "会员") == "128"
    assert "town=" in page.url  # the filter is in the URL, so the link can be shared


def test_url_opens_the_view(server, page):
    url, _ = server
    page.goto(f"{url}/overview?town=安亭镇&asof=2015-06-30")
    settle(page)
    assert kpi(page, "在营单位") == "4" and kpi(page, "新建会单位") == "3"
    page.goto(f"{url}/overview?town=%3Cscript%3Ealert(1)%3C/script%3E")
    settle(page)
    assert kpi(page, "在营单位") == "6"
    assert page.get_by_text("已忽略").first.is_visible()
    assert page.locator("[data-testid=stException]").count() == 0


def test_towns_csv_download_equals_export(server, page, tmp_path):
    url, db = server
    page.goto(f"{url}/towns")
    settle(page)
    with page.expect_download() as info:
        page.locator("[data-testid=stDownloadButton] button").first.click()
    got = Path(info.value.path()).read_bytes()
    assert got.startswith(b"\xef\xbb\xbf")
    out = tmp_path / "towns.csv"
    assert main(["export", "towns", "--db", str(db), "-o", str(out)]) == 0
    assert got == out.read_bytes()
    assert info.value.suggested_filename == "towns_全区_2015-06-30.csv"


def test_clicking_a_bar_drills_into_the_town(server, page):
    url, _ = server
    page.goto(f"{url}/towns")
    settle(page)
    # the first trace has one bar per town in dictionary order: 安亭镇 is the fifth (the only one with targets)
    bar = page.locator(".js-plotly-plot .trace.bars").first.locator(".point path").nth(4)
    bar.wait_for(state="visible", timeout=20000)
    bar.click(force=True)
    settle(page)
    # issue 24: the drill-down is the town's own page
    expect(page.get_by_text("安亭镇：工会组建进度")).to_be_visible(timeout=20000)
    expect(page.get_by_text("安亭镇：工会联合会")).to_be_visible()


def test_meeting_mode_steps_with_the_keyboard(server, page):
    url, _ = server
    page.goto(f"{url}/meeting?town=安亭镇")
    settle(page)
    expect(page.locator("[data-testid=stSidebar]")).to_be_hidden(timeout=15000)
    titles = []
    for i in range(10):  # one town: its areas' slide too (issue 24); the scopes' after the industries (issue 27)
        title = page.locator("h1").first.inner_text().strip()
        titles.append(title)
        page.screenshot(path=str(SHOTS / f"meeting_{i + 1}.png"), full_page=True)
        if title == "各街镇进度与序时进度":
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20000)
        page.keyboard.press("ArrowRight")
        settle(page)
    assert titles == ["全区总体情况", "各街镇进度与序时进度", "村居园区进度", "双过半", "行业覆盖", "行业、两新与楼宇目标",
                      "商务楼宇", "工会联合会", "企业动态与会员转接", "滞后与预警街镇"]
    assert page.locator("h1").first.inner_text().strip() == "全区总体情况"
    assert kpi(page, "在营单位") == "4"  # the town filter of the link applies
    page.get_by_role("button", name="◀ 上一页").click()
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "滞后与预警街镇"


def test_without_accounts_the_data_page_is_read_only(server, page):
    url, _ = server
    page.goto(f"{url}/data")
    settle(page)
    expect(page.get_by_text("看板当前为只读").first).to_be_visible()
    assert page.locator("[data-testid=stFileUploader]").count() == 0


def test_upload_broken_then_good_file(admin_server, page, tmp_path):
    url, db = admin_server
    sign_in(page, f"{url}/data")
    broken = tmp_path / "broken.csv"
    broken.write_text(UNITS_2015.replace("100,40,在营", "100,400,在营"), encoding="gb18030")
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(broken))
    settle(page)
    expect(page.get_by_text("校验未通过").first).to_be_visible(timeout=20000)
    report = page.locator("[data-testid=stDataFrame]").filter(has_text="问题").first
    expect(report).to_be_visible()
    snaps_before = pd.read_csv(io.StringIO(_snapshot_text(db)))
    # a good new snapshot (2015-07-31), one more unit: confirm, then 总览 shows it
    good = tmp_path / "good.csv"
    extra = "91310114000000011E,辛公司,安亭镇,,,制造业,民营企业,否,40,0,在营,单独建会,,2015-07-02,35,0"
    good.write_text(UNITS_HEADER + ",报表日期\n" + "\n".join(
        line + ",2015-07-31" for line in (UNITS_2015.strip().splitlines()[1:] + [extra])) + "\n", encoding="utf-8-sig")
    assert len(snaps_before) == 2
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(good))
    settle(page)
    expect(page.get_by_text("校验通过").first).to_be_visible(timeout=20000)
    page.get_by_role("button", name="确认导入").click()
    settle(page)
    expect(page.get_by_text("已导入").first).to_be_visible(timeout=20000)
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="总览").first.click()  # same session, still signed in
    settle(page)
    assert kpi(page, "在营单位") == "7" and kpi(page, "会员") == "208"
    assert len(pd.read_csv(io.StringIO(_snapshot_text(db)))) == 3


def _snapshot_text(db: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "unionboard", "export", "trend", "--db", str(db)], cwd=ROOT,
                         capture_output=True, timeout=60)
    return out.stdout.decode("utf-8-sig")


def test_a_town_account_sends_its_report_and_the_district_shows_it(admin_server, page, tmp_path):
    url, db = admin_server
    sign_in(page, f"{url}/data", "anting", TOWN_PASSWORD)
    expect(page.get_by_text("街镇账户：可在此报送本街镇（安亭镇）的单位名册").first).to_be_visible()
    # 安亭镇's August report: its five units of June, one member more at 甲公司
    rows = [r for r in UNITS_2015.strip().splitlines()[1:] if ",安亭镇," in r]
    rows[0] = rows[0].replace(",90,35", ",91,35")
    report = tmp_path / "安亭镇8月.csv"
    report.write_text(UNITS_HEADER + ",报表日期\n" + "\n".join(r + ",2015-08-31" for r in rows) + "\n",
                      encoding="utf-8-sig")
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(report))
    settle(page)
    # (the module's other upload test may have sent a July report first: the previous report is June's or July's)
    expect(page.get_by_text("安亭镇 2015-08-31：文件 5 行；较上期（2015-0").first).to_be_visible(timeout=20000)
    page.get_by_role("button", name="提交审核").click()  # issue 25: a town's report waits for a 管理员
    settle(page)
    expect(page.get_by_text("待区总工会审核").first).to_be_visible(timeout=20000)
    page.screenshot(path=str(SHOTS / "town_upload.png"), full_page=True)
    from unionboard import review
    from unionboard.store import connect_read
    con = connect_read(db)
    waiting = review.waiting(con)
    con.close()
    review.decide(db, waiting[0].report_id, True, user="admin")  # accepted: it counts from now on
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="总览").first.click()
    settle(page)
    # a town account lands on its own town (issue 22): 总览 shows 安亭镇's accepted August report
    from unionboard.views import Filters, get_view
    anting = get_view(db, "towns", Filters(towns=["安亭镇"]))
    assert anting.resolved.snapshot.isoformat() == "2015-08-31"
    expect(page.get_by_text(f"{int(anting.df.iloc[-1]['会员人数']):,}").first).to_be_visible(timeout=20000)
    assert kpi(page, "会员") == f"{int(anting.df.iloc[-1]['会员人数']):,}"
    # the district: August is closed (its due day has passed), 嘉定镇街道 carried forward from its last report
    district = get_view(db, "towns")
    assert district.resolved.snapshot.isoformat() == "2015-08-31" and "嘉定镇街道" in district.resolved.carried
