"""What a leader feels in front of a running server: Chromium timings and sessions at the same moment.

`browser(db, rounds)`: `streamlit run dashboard.py` over the bench database and Debian's Chromium
(Playwright, never `playwright install`): (a) in-app navigation, a click in the sidebar nav until the
page's title, charts and KPI values are drawn and no element is stale; (b) a town picked in the sidebar
until the 在营单位 KPI text changes (each pick a selection not seen before, so the server computes it);
and (b) again against the floor: an empty Streamlit page with one multiselect and one number.

`concurrency(db, sizes)`: N sessions of one server change the town at the same moment. The sessions are
websocket clients speaking Streamlit's own protocol (BackMsg / ForwardMsg protobufs, as the browser's
frontend does), not Chromium tabs: on 2 cores, 30 Chromium tabs drawing the overview would measure
Chromium (see the CPU per town change that `browser` records for Chromium and for the server).
"""
from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",  # as tests/test_e2e.py
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NAV_PAGES = ["towns", "industries", "buildings", "federations", "dynamics", "training", "uncovered", "submissions",
             "overview"]  # the cycle of sidebar clicks (会议模式 has no sidebar; 数据管理 has no figures)
KPI = "在营单位"
CLK = os.sysconf("SC_CLK_TCK")

FLOOR_APP = '''import streamlit as st
towns = {towns!r}
chosen = st.sidebar.multiselect("街镇", list(towns), key="town")
st.metric("{kpi}", f"{{sum(towns[t] for t in chosen) if chosen else sum(towns.values()):,}}")
'''


def percentile(values: list[float], q: float) -> float:
    """The q-th quantile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (all its threads), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def descendants(root: int) -> list[int]:
    """The pids of root's process tree (without root)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def tree_cpu(pids: list[int]) -> float:
    """CPU seconds of several processes (those that ended meanwhile count as 0)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += cpu_seconds(pid)
    return total


def _browser_pids(me: int, server_pid: int) -> list[int]:
    """This process's children that are not the server: Playwright's driver and Chromium's processes."""
    return [pid for pid in descendants(me) if pid != server_pid and pid not in descendants(server_pid)]


def peak_rss_mb(pid: int) -> float:
    """A live process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(script: Path, db: Path | None, cwd: Path = ROOT) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run script` on a free port (headless, no file watcher); yields (url, process)."""
    port = _free_port()
    env = dict(os.environ)
    if db is not None:
        env["UNIONBOARD_DB"] = str(db)
    env.pop("UNIONBOARD_ACCOUNTS", None)
    log = tempfile.TemporaryFile()  # a file, not a pipe nobody reads (a full pipe would stall the server)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                             "--server.headless", "true", "--server.fileWatcherType", "none",
                             "--browser.gatherUsageStats", "false"],
                            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    try:
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"streamlit did not start: {log.read().decode(errors='replace')[-2000:]}") from None
                time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _towns_and_sizes(db: Path) -> tuple[list[str], dict[str, int], list[str]]:
    """Towns in dictionary order, active units per town at the latest date (for the floor app), report dates."""
    from unionboard.store import connect_read
    from unionboard.views import get_view_con

    con = connect_read(db)
    try:
        towns_view = get_view_con(con, "towns").df
        sizes = {r["街镇"]: int(r["在营单位数"]) for _, r in towns_view.iterrows() if r["街镇"] != "合计"}
        dates = [r[0].isoformat() for r in con.execute(
            "SELECT DISTINCT snapshot FROM current_reports ORDER BY snapshot DESC").fetchall()]
    finally:
        con.close()
    return list(sizes), sizes, dates


# ------------------------------------------------------------------ Chromium

# Resolves with the ms from window.__t0 to the first DOM state where `cond` holds (checked on every
# mutation, so the time is not rounded to a polling interval).
WATCH_JS = """([cond, args, limit]) => {
  const test = new Function('args', cond);
  window.__done = new Promise((resolve, reject) => {
    const check = () => { if (test(args)) { obs.disconnect(); clearTimeout(timer); resolve(performance.now() - window.__t0); } };
    const obs = new MutationObserver(check);
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timeout')); }, limit || 180000);
    obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
  });
  window.__t0 = performance.now();
}"""

# the new page is the one shown: its title, no element left from before (stale), its charts drawn
# (plotly's svg in place) and its KPI values
PAGE_DRAWN = """
  const main = document.querySelector('[data-testid=stMain]');
  if (!main) return false;
  const h1 = main.querySelector('h1');
  if (!h1 || !h1.textContent.includes(args.title)) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const drawn = [...main.querySelectorAll('[data-testid=stPlotlyChart]')].filter(p => p.querySelector('.main-svg')).length;
  return drawn >= args.charts && main.querySelectorAll('[data-testid=stMetricValue]').length >= args.metrics;
"""

# what a page shows when it was not drawn as expected (for the timeout's report)
PAGE_STATE = """() => { const m = document.querySelector('[data-testid=stMain]');
  const h1 = m && m.querySelector('h1');
  return {title: h1 ? h1.textContent : null, stale: document.querySelectorAll('[data-stale="true"]').length,
          charts: m ? [...m.querySelectorAll('[data-testid=stPlotlyChart]')].filter(p => p.querySelector('.main-svg')).length : 0,
          metrics: m ? m.querySelectorAll('[data-testid=stMetricValue]').length : 0}; }"""

KPI_CHANGED = """
  const card = [...document.querySelectorAll('[data-testid=stMetric]')].find(m => m.textContent.includes(args.label));
  const value = card && card.querySelector('[data-testid=stMetricValue]');
  return !!value && value.textContent.trim() !== args.before;
"""

RUN_DONE = "() => !document.querySelector('[data-stale=\"true\"]')"


def _settle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished the run and drawn the page (as tests/test_e2e.py)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stMain]", timeout=180000)
    page.wait_for_timeout(800)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=180000)
    page.wait_for_timeout(300)


def _kpi(page) -> str:  # noqa: ANN001
    card = page.locator("[data-testid=stMetric]").filter(has_text=KPI).first
    return card.locator("[data-testid=stMetricValue]").inner_text().strip()


def _pick_towns(page, url: str, order: list[str], as_of: str | None, server_pids: list[int],  # noqa: ANN001
                chromium: Callable[[], list[int]]) -> tuple[list[float], list[float], list[float], list[float]]:
    """Open the page at `as_of`, then add the towns of `order` one by one in the sidebar multiselect: each
    pick is a selection nobody made before. Per pick: ms to the KPI text changing, ms to the run done
    (no stale element), and the CPU seconds of the server and of Chromium."""
    page.goto(url + (f"/?asof={as_of}" if as_of else "/"))
    _settle(page)
    kpi_ms, done_ms, server_cpu, browser_cpu = [], [], [], []
    box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect] input").first
    for town in order:
        before = _kpi(page)
        box.click()
        page.keyboard.type(town)
        page.wait_for_timeout(150)  # the option list filtered
        browser_pids = chromium()  # renderers come and go: listed at each pick
        cpu0, bcpu0 = tree_cpu(server_pids), tree_cpu(browser_pids)
        page.evaluate(WATCH_JS, [KPI_CHANGED, {"label": KPI, "before": before}])
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        try:
            kpi_ms.append(page.evaluate("() => window.__done"))
        except Exception:
            page.screenshot(path="/tmp/bench-town-timeout.png")
            raise RuntimeError(f"the KPI did not change after picking {town} (was {before})") from None
        page.wait_for_function(RUN_DONE, timeout=180000, polling=5)
        done_ms.append(page.evaluate("() => performance.now() - window.__t0"))
        page.wait_for_timeout(300)  # the charts' own drawing, before the CPU is read
        server_cpu.append(tree_cpu(server_pids) - cpu0)
        browser_cpu.append(tree_cpu(browser_pids) - bcpu0)
    return kpi_ms, done_ms, server_cpu, browser_cpu


def browser(db: Path, rounds: int = 2, seed: int = 16) -> dict:
    """Navigation and town-change timings in Chromium, against the dashboard and the floor app."""
    from playwright.sync_api import sync_playwright

    from unionboard.i18n import msg as t

    towns, sizes, dates = _towns_and_sizes(db)
    rng = random.Random(seed)
    out: dict = {}
    me = os.getpid()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with server(ROOT / "dashboard.py", db) as (url, proc):
                chromium = functools.partial(_browser_pids, me, proc.pid)
                ctx = b.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
                page = ctx.new_page()
                # a first visit of each page (not timed: the server's first run) tells what "drawn" means:
                # its charts (each until plotly has drawn it) and its KPI values
                expect = {}
                for name in NAV_PAGES:
                    for _ in range(2):  # the second visit: the first may settle before its views are computed
                        page.goto(f"{url}/{name}")
                        _settle(page)
                    page.wait_for_function("""() => { const m = document.querySelector('[data-testid=stMain]');
                        const charts = m.querySelectorAll('[data-testid=stPlotlyChart]');
                        return [...charts].every(c => c.querySelector('.main-svg')); }""", timeout=60000)
                    expect[name] = page.evaluate("""() => { const m = document.querySelector('[data-testid=stMain]');
                        return {charts: m.querySelectorAll('[data-testid=stPlotlyChart]').length,
                                metrics: m.querySelectorAll('[data-testid=stMetricValue]').length}; }""")
                    expect[name]["title"] = t(f"page_{name}", "zh")
                nav_ms, failed = [], []
                for _ in range(max(rounds, 2)):  # at least 18 clicks
                    for name in NAV_PAGES:
                        href = "" if name == "overview" else name
                        link = f"[data-testid=stSidebarNav] a[href='{url}/{href}']"
                        page.wait_for_selector(link, timeout=60000)
                        page.evaluate(WATCH_JS, [PAGE_DRAWN, expect[name], 60000])
                        page.evaluate("(sel) => document.querySelector(sel).click()", link)
                        try:
                            nav_ms.append(page.evaluate("() => window.__done"))
                        except Exception:  # noqa: BLE001 - one try not drawn in 60 s: said, not the run's end
                            failed.append({"page": name, "seen": page.evaluate(PAGE_STATE)})
                            page.screenshot(path=f"/tmp/bench-nav-timeout-{name}.png")
                            _settle(page)
                        page.wait_for_timeout(300)
                out["navigation_p50_ms"] = round(statistics.median(nav_ms), 1)
                out["navigation_p95_ms"] = round(percentile(nav_ms, 0.95), 1)
                out["navigation_tries"] = len(nav_ms)
                out["navigation_not_drawn_in_60s"] = failed
                out["navigation_expected"] = {k: {"charts": v["charts"], "metrics": v["metrics"]} for k, v in expect.items()}
                kpi_ms, done_ms, scpu, bcpu = [], [], [], []
                # each round at another report date: every pick a selection never made before
                for r in range(rounds):
                    order = rng.sample(towns, len(towns) - 1)
                    k, d, s, c = _pick_towns(page, url, order, dates[r % len(dates)] if r else None, [proc.pid], chromium)
                    kpi_ms += k
                    done_ms += d
                    scpu += s
                    bcpu += c
                out["town_change_p50_ms"] = round(statistics.median(kpi_ms), 1)
                out["town_change_p95_ms"] = round(percentile(kpi_ms, 0.95), 1)
                out["town_change_done_p50_ms"] = round(statistics.median(done_ms), 1)
                out["town_change_tries"] = len(kpi_ms)
                out["town_change_server_cpu_ms"] = round(statistics.median(scpu) * 1000)
                out["town_change_chromium_cpu_ms"] = round(statistics.median(bcpu) * 1000)
                out["server_peak_rss_mb"] = round(peak_rss_mb(proc.pid), 1)
                ctx.close()
            with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
                floor = Path(tmp) / "floor.py"
                floor.write_text(FLOOR_APP.format(towns=sizes, kpi=KPI), encoding="utf-8")
                with server(floor, None, cwd=Path(tmp)) as (url, proc):
                    chromium = functools.partial(_browser_pids, me, proc.pid)
                    ctx = b.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
                    page = ctx.new_page()
                    kpi_ms = []
                    for _ in range(rounds):
                        kpi_ms += _pick_towns(page, url, rng.sample(towns, len(towns) - 1), None, [proc.pid], chromium)[0]
                    out["floor_town_change_p50_ms"] = round(statistics.median(kpi_ms), 1)
                    out["floor_town_change_p95_ms"] = round(percentile(kpi_ms, 0.95), 1)
                    ctx.close()
        finally:
            b.close()
    return out


# ------------------------------------------------------------------ sessions at the same moment

class Session:
    """One browser session as the server sees it: a websocket speaking Streamlit's protocol."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None
        self.page_hash = ""
        self.town_id: str | None = None
        self.kpi: str | None = None

    async def open(self) -> None:
        """Connect and run the app's first page (the overview), as a browser opening the link."""
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None)
        await self.rerun(None)

    async def rerun(self, towns: list[str] | None) -> float:
        """Ask for a rerun with the town filter `towns` (None: none set); ms until the run is finished
        (every element of the page received)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.page_script_hash = self.page_hash
        if towns is not None:
            w = msg.rerun_script.widget_states.widgets.add()
            w.id = self.town_id
            w.string_array_value.data.extend(towns)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                if which == "multiselect" and el.multiselect.id.endswith("-town"):
                    self.town_id = el.multiselect.id
                elif which == "metric" and el.metric.label == KPI:
                    self.kpi = el.metric.body
                elif which == "exception":
                    raise RuntimeError(f"the page raised: {el.exception.message}")
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "script_finished" and fm.script_finished in (0, 3):  # finished (a run, a fragment)
                return (time.perf_counter() - t0) * 1000

    async def close(self) -> None:
        """Close the websocket."""
        if self.ws is not None:
            await self.ws.close()


def _selections(towns: list[str], rng: random.Random, seen: set) -> Iterator[list[str]]:
    """Town selections (one or two towns) never made before in this server."""
    while True:
        pick = tuple(sorted(rng.sample(towns, rng.choice([1, 1, 2]))))
        if pick not in seen:
            seen.add(pick)
            yield list(pick)


async def _concurrency(url: str, pid: int, towns: list[str], sizes: list[int], rounds: dict[int, int],
                       seed: int) -> dict:
    rng = random.Random(seed)
    seen: set = set()
    fresh = _selections(towns, rng, seen)
    out: dict = {}
    for n in sizes:
        sessions = [Session(url) for _ in range(n)]
        for s in sessions:  # opened one after another, as people arriving; not timed
            await s.open()
        lat, all_done, cpu, wall, client = [], [], 0.0, 0.0, 0.0
        for _ in range(rounds[n]):
            towns_now = next(fresh)  # the whole room picks the same town
            cpu0, c0, t0 = cpu_seconds(pid), time.process_time(), time.perf_counter()
            times = await asyncio.gather(*(s.rerun(towns_now) for s in sessions))
            wall += time.perf_counter() - t0
            cpu += cpu_seconds(pid) - cpu0
            client += time.process_time() - c0
            lat += times
            all_done.append(max(times))
            await asyncio.sleep(0.5)
        entry = {"p50_ms": round(statistics.median(lat), 1), "p95_ms": round(percentile(lat, 0.95), 1),
                 "all_updated_ms": round(statistics.median(all_done), 1), "rounds": rounds[n],
                 "server_cpu_s_per_round": round(cpu / rounds[n], 2),
                 "server_cpu_pct": round(100 * cpu / wall, 0),
                 "client_cpu_s_per_round": round(client / rounds[n], 2)}
        if n > 1:  # everyone picks a town of their own, each a selection nobody made before
            lat2, cpu, t0 = [], cpu_seconds(pid), time.perf_counter()
            lat2 = await asyncio.gather(*(s.rerun(next(fresh)) for s in sessions))
            wall2 = time.perf_counter() - t0
            entry.update({"distinct_p95_ms": round(percentile(list(lat2), 0.95), 1),
                          "distinct_all_updated_ms": round(max(lat2), 1),
                          "distinct_server_cpu_pct": round(100 * (cpu_seconds(pid) - cpu) / wall2, 0)})
        for s in sessions:
            await s.close()
        out[str(n)] = entry
        print(f"  {n:2d} sessions: p95 {entry['p95_ms']:.0f} ms, all updated {entry['all_updated_ms']:.0f} ms, "
              f"server CPU {entry['server_cpu_pct']:.0f}%"
              + (f"; each their own town: p95 {entry['distinct_p95_ms']:.0f} ms" if n > 1 else ""), flush=True)
    return out


def concurrency(db: Path, sizes: tuple[int, ...] = (1, 10, 30), seed: int = 30) -> dict:
    """N sessions (websocket clients) of one fresh server on the overview change the town at the same
    moment, each round a selection not made before; latency until every session's run is finished,
    and the server process's CPU."""
    towns, _, _ = _towns_and_sizes(db)
    rounds = {n: (10 if n == 1 else 3) for n in sizes}
    with server(ROOT / "dashboard.py", db) as (url, proc):
        out = asyncio.run(_concurrency(url, proc.pid, towns, list(sizes), rounds, seed))
        out["server_peak_rss_mb"] = round(peak_rss_mb(proc.pid), 1)
    out["client"] = "websocket (Streamlit protocol)"
    return out
