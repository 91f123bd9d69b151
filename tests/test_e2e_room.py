"""The room view (issue 22), in Debian's Chromium at the office laptop's and the meeting room's screen sizes,
over the bundled sample district (its figures are as wide as a real district's: 「674,571」, 「60.59%」):

- no key figure is cut: a metric's label or value whose text is wider than its box (scrollWidth > clientWidth);
- a by-town table shows all 12 towns and 合计 without scrolling inside the table;
- no meeting slide runs past the screen, no slide shows the plotly toolbar, chart text is at least 18 px at 1920×1080.

Screenshots go to shots/e2e/room/ (ignored by git) for a person to look at. `python -m pytest -m e2e`.
"""
from __future__ import annotations

import pytest
from test_e2e import ARGS, CHROMIUM, serve_dashboard  # skips with test_e2e when Chromium is missing

from conftest import ROOT
from unionboard.cli import main

pytestmark = pytest.mark.e2e

SIZES = [(1366, 768), (1920, 1080)]
SHOTS = ROOT / "shots" / "e2e" / "room"
TOWNS = ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇", "华亭镇", "外冈镇", "江桥镇", "菊园新区",
         "嘉定工业区"]
SLIDES = 8

CUT_METRICS = """() => {
  const cut = [];
  const parts = '[data-testid=stMetric] [data-testid=stMetricLabel], [data-testid=stMetric] [data-testid=stMetricValue]';
  for (const part of document.querySelectorAll(parts)) {
    for (const el of [part, ...part.querySelectorAll('*')]) {
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) { cut.push(part.innerText); break; }
    }
  }
  return cut;
}"""
GRIDS = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].map(d => {
  const sc = d.querySelector('.dvn-scroller');
  return {inner: sc.scrollHeight - sc.clientHeight, text: [...d.querySelectorAll('[role=row]')].map(r => r.innerText).join('\\n')};
})"""
OVERFLOW = """() => { const main = document.querySelector('[data-testid=stMain]');
  return {main: main.scrollHeight - main.clientHeight, doc: document.documentElement.scrollHeight - innerHeight}; }"""
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('.js-plotly-plot text')]
  .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize)))"""


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The dashboard over the sample district (python -m unionboard init), no accounts; its URL."""
    db = tmp_path_factory.mktemp("room") / "sample.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    yield from serve_dashboard(db)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def settle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has run the script and drawn the page (the sample district's first views take a while on
    a busy machine: longer waits than test_e2e's)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stMain]", timeout=90000)
    page.wait_for_timeout(800)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90000)
    page.wait_for_timeout(300)


def _open(chromium, url: str, size: tuple[int, int]):  # noqa: ANN202
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
    page.goto(url)
    settle(page)
    return page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["overview", "changes", "submissions"])
def test_no_key_figure_is_cut(sample_server, chromium, size, lang, name):
    page = _open(chromium, f"{sample_server}/{name}?lang={lang}", size)
    page.wait_for_selector("[data-testid=stMetric]", timeout=30000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}_{lang}_{size[0]}.png"))
    assert page.locator("[data-testid=stMetric]").count() >= 4
    assert page.evaluate(CUT_METRICS) == []
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_by_town_tables_show_every_town_and_the_total(sample_server, chromium, size):
    page = _open(chromium, f"{sample_server}/towns", size)
    page.wait_for_function(  # the three grids drawn, their rows in the DOM
        "[...document.querySelectorAll('[data-testid=stDataFrame]')].filter(d => d.querySelectorAll('[role=row]').length > 12)"
        ".length === 4", timeout=30000)
    grids = page.evaluate(GRIDS)
    assert len(grids) == 4  # the ranking, the towns table, 重点比率, and (issue 24) each town's areas by status
    for i, grid in enumerate(grids):
        assert grid["inner"] <= 1, f"table {i} scrolls inside by {grid['inner']} px"
        assert all(town in grid["text"] for town in TOWNS), i
    assert all("合计" in grid["text"] for grid in grids[1:])
    # the ranking chart: one bar per town for each completion
    bars = page.locator(".js-plotly-plot .trace.bars").first.locator(".point path")
    assert bars.count() == len(TOWNS)
    page.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_meeting_slide_fits_the_screen(sample_server, chromium, size):
    page = _open(chromium, f"{sample_server}/meeting", size)
    SHOTS.mkdir(parents=True, exist_ok=True)
    titles = []
    for i in range(SLIDES):
        page.wait_for_timeout(600)  # charts drawn
        titles.append(page.locator("h1").first.inner_text().strip())
        page.screenshot(path=str(SHOTS / f"meeting_{size[0]}_{i + 1}.png"))
        overflow = page.evaluate(OVERFLOW)
        assert overflow["main"] <= 1 and overflow["doc"] <= 1, (titles[-1], overflow)
        assert page.locator(".modebar").count() == 0, titles[-1]  # no chart toolbar on a projector
        assert page.evaluate(CUT_METRICS) == [], titles[-1]
        if size == (1920, 1080) and page.locator(".js-plotly-plot").count():
            assert page.evaluate(SMALLEST_CHART_TEXT) >= 18, titles[-1]
        page.get_by_role("button", name="下一页 ▶").click()
        settle(page)
    assert len(set(titles)) == SLIDES
    assert page.get_by_role("link", name="返回看板").is_visible()
    page.close()


def test_double_half_slide_says_what_it_means(sample_server, chromium):
    """The sample's 新发展会员数 is at 49.30%: it is shown as short of 50%, never under a green 「≥ 50%」."""
    page = _open(chromium, f"{sample_server}/meeting", (1920, 1080))
    page.get_by_role("button", name="下一页 ▶").click()
    settle(page)
    page.get_by_role("button", name="下一页 ▶").click()
    settle(page)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "时间过半（6月30日）时，新建会单位数、新发展会员数两项目标均完成 50% 以上" in text
    assert "未实现“双过半”" in text
    assert "49.30%" in text and "未过半，差 0.70 个百分点" in text and "≥ 50%" not in text
    page.close()


def test_rotation_moves_on_by_itself(sample_server, chromium):
    page = _open(chromium, f"{sample_server}/meeting?rotate=5", (1920, 1080))
    assert page.locator("h1").first.inner_text().strip() == "全区总体情况"
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.trim() === '各街镇进度与序时进度'",
                           timeout=20000)
    assert "每 5 秒自动翻页" in page.locator("[data-testid=stMain]").inner_text()
    page.close()
