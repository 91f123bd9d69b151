"""`python -m bench [--scale district|city|province] [--quick]` — measure unionboard, write the results.

Generates data with `unionboard generate`, imports it through the importer, then measures in one run:
each page's server-side rerun after a filter change (AppTest, p50/p95 over N reruns after a warm-up),
the floor (an empty Streamlit page's rerun), a naive towns page (pandas over the raw roster on every
rerun), the import of one units snapshot, cold start to the first page, and peak RSS.
Writes bench/results.json (and bench/results-<scale>.json) and the table in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALES = {"district": (50_000, 18), "city": (1_000_000, 12), "province": (10_000_000, 1)}
QUICK = {"district": (50_000, 18), "city": (1_000_000, 3), "province": (2_000_000, 1)}
PAGES = ["overview", "towns", "industries", "buildings", "federations", "dynamics", "training", "uncovered", "data"]
TARGET_P50_MS = {"district": 100, "city": 300, "province": 1500}

FLOOR_SCRIPT = "import streamlit as st\nst.sidebar.multiselect('t', ['a', 'b'], key='town')\nst.write('floor')\n"
NAIVE_SCRIPT = '''
import duckdb, pandas as pd, streamlit as st
from unionboard.store import connect_read, resolve_db

@st.cache_resource
def roster():
    con = connect_read(resolve_db(None))
    return con.execute("SELECT * FROM units").df()

towns = st.sidebar.multiselect("towns", ["安亭镇", "马陆镇", "江桥镇"], key="town")
df = roster()
snap = df["snapshot"].max()
cur = df[df["snapshot"] == snap]
if towns:
    cur = cur[cur["town"].isin(towns)]
active = cur[cur["status"].isin(["在营", "停产"])]
g = active.groupby("town").agg(active=("credit_code", "size"), employees=("employees", "sum"),
                               members=("members", "sum"))
g["unionised"] = active[active["union_form"] != "未建会"].groupby("town").size()
g["coverage"] = g["unionised"] / g["active"] * 100
st.dataframe(g)
'''


def machine() -> str:
    """The machine, for the record."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    """The commit measured (with "+changes" when the working tree differs from it)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        # the results this command writes do not make the measured code different
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":!bench/results*.json", ":!docs/benchmarks.md"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def timed_reruns(at, n: int, change) -> tuple[float, float]:  # noqa: ANN001
    """Warm up once, then time n reruns each after a filter change; (p50, p95) in ms."""
    change(at, 0)
    at.run()
    times = []
    for i in range(n):
        change(at, i + 1)
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
        assert not at.exception, [e.value for e in at.exception]
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def toggle_town(at, i: int) -> None:  # noqa: ANN001
    """The filter change: alternate between one town and two."""
    at.sidebar.multiselect(key="town").set_value(["安亭镇"] if i % 2 else ["安亭镇", "马陆镇"])


def child_rss(args: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Like run_child, measuring the child's peak RSS with os.wait4 (one child at a time)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env or dict(os.environ),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode("utf-8", errors="replace")


def build(db: Path, out: Path, units: int, snapshots: int) -> dict:
    """Generate and import, each in its own process; returns times and peak RSS per phase."""
    gen_s, gen_rss, listing = child_rss(["-m", "unionboard", "generate", "--units", str(units), "--snapshots",
                                         str(snapshots), "--out", str(out)])
    files = [Path(line) for line in listing.split()]
    child_rss(["-m", "unionboard", "init", "--empty", "--db", str(db)])
    import_times, import_rss = {}, 0.0
    # a province roster (10,000,000 units, ~1.7 GB) is over the default 512 MB file limit, which is
    # meant for uploads; the command line takes the limit from the environment
    env = dict(os.environ, UNIONBOARD_MAX_FILE_MB=os.environ.get("UNIONBOARD_MAX_FILE_MB", "8192"))
    for f in files:
        kind = "units" if f.name.startswith("units_") else f.stem
        seconds, rss, _ = child_rss(["-m", "unionboard", "import", kind, str(f), "--db", str(db)], env=env)
        import_times[f.name] = seconds
        import_rss = max(import_rss, rss)
        print(f"  imported {f.name} in {seconds:.1f} s (peak RSS {rss:.0f} MB)", flush=True)
    last_units = [k for k in import_times if k.startswith("units_")][-1]
    return {"generate_s": gen_s, "generate_rss_mb": gen_rss, "import_s": import_times[last_units],
            "import_rss_mb": import_rss, "imports": import_times}


def server_like_apptest() -> None:
    """Make AppTest rerun a page the way a running server does.

    Before every run AppTest (1.67) resets Streamlit's multipage flag, so a `pages/` folder beside the
    entry point puts each run in the legacy multipage mode: the page runs, switches to st.navigation
    and reruns itself (ui.shell.page_setup), i.e. twice. It also compiles every script again with a
    new bytecode cache. A server does neither after the first run: the flag stays off once
    st.navigation has run and its script cache lives as long as the process. Measured 2026-11-25 on
    the sample data: the towns page 31 -> 22 ms, overview 67 -> 33 ms. The floor script has no pages
    folder and compiles in microseconds, so this makes page and floor comparable.
    """
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    init = PagesManager.__init__

    def steady_init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # what st.navigation's first run leaves behind

    PagesManager.__init__ = steady_init
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def measure_pages(db: Path, n: int, names: list[str] = PAGES) -> tuple[dict, float]:  # noqa: B006
    """Per-page rerun p50/p95 and the floor."""
    from streamlit.testing.v1 import AppTest

    server_like_apptest()
    os.environ["UNIONBOARD_DB"] = str(db)
    pages = {}
    for page in names:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.run()
        at.switch_page(str(ROOT / "pages" / f"{page}.py"))
        at.run()
        p50, p95 = timed_reruns(at, n, toggle_town)
        pages[page] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        print(f"  {page:12s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
    floor = AppTest.from_string(FLOOR_SCRIPT, default_timeout=60)
    floor.run()
    # a 4-6 ms rerun is at the mercy of the scheduler: more reruns give a steadier median
    floor_p50, _ = timed_reruns(floor, max(n, 60), lambda a, i: a.sidebar.multiselect(key="town").set_value(["a"] if i % 2 else ["b"]))
    print(f"  floor p50 {floor_p50:.1f} ms", flush=True)
    return pages, floor_p50


def measure_naive(db: Path, n: int) -> float:
    """The naive towns page: pandas over the raw roster (all snapshots, cached) on every rerun."""
    from streamlit.testing.v1 import AppTest

    os.environ["UNIONBOARD_DB"] = str(db)
    naive = AppTest.from_string(NAIVE_SCRIPT, default_timeout=600)
    naive.run()
    p50, _ = timed_reruns(naive, n, toggle_town)
    return p50


def cold_start(db: Path) -> tuple[float, float]:
    """Seconds from a new process to the first page (overview) computed, and that process's peak RSS."""
    code = ("import time; t=time.perf_counter();"
            "from streamlit.testing.v1 import AppTest;"
            f"at=AppTest.from_file({str(ROOT / 'dashboard.py')!r}, default_timeout=600).run();"
            "assert not at.exception; print(time.perf_counter()-t)")
    seconds, rss, _ = child_rss(["-c", code], env=dict(os.environ, UNIONBOARD_DB=str(db)))
    return seconds, rss


def write_markdown(results: list[dict]) -> None:
    """docs/benchmarks.md: one table per measured run."""
    lines = ["# Benchmarks", "", "Measured by `python -m bench` (see bench/__main__.py). Server-side rerun of each page",
             "after a town-filter change (AppTest), p50/p95 over the reruns after one warm-up; the floor is an empty",
             "Streamlit page's rerun in the same run; naive = pandas over the raw roster on every rerun.", ""]
    for r in results:
        lines += [f"## {r['scale']} — {r['units']:,} units × {r['snapshots']} snapshots"
                  + (" (quick)" if r.get("quick") else ""), "",
                  f"{r['date']} · {r['machine']}" + (f" · commit {r['commit']}" if r.get("commit") else ""), "",
                  "| page | p50 ms | p95 ms | × floor |", "|---|---:|---:|---:|"]
        for page, v in r["pages"].items():
            lines.append(f"| {page} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} | {v['p50_ms'] / r['floor_p50_ms']:.1f} |")
        lines += ["", f"- floor (empty page) p50: {r['floor_p50_ms']:.1f} ms",
                  f"- naive towns p50: {r['naive_towns_p50_ms']:.1f} ms "
                  f"(naive / towns page = {r['naive_towns_p50_ms'] / r['pages']['towns']['p50_ms']:.1f}×)",
                  f"- import of one units snapshot (validated): {r['import_s']:.1f} s",
                  f"- generate: {r['generate_s']:.1f} s; cold start to first page: {r['cold_start_s']:.1f} s",
                  f"- peak RSS of the app (largest of importer, dashboard process, cold start): {r['peak_rss_mb']:.0f} MB"
                  + (" — " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["rss_mb"].items()) if "rss_mb" in r else ""),
                  ""]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Run the benchmark at one scale."""
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--scale", choices=list(SCALES), default="district")
    ap.add_argument("--quick", action="store_true", help="fewer snapshots and reruns (a smoke run)")
    ap.add_argument("--reruns", type=int, default=None)
    ap.add_argument("--phase", choices=["pages", "naive"], help=argparse.SUPPRESS)  # run in a child process
    ap.add_argument("--pages", help=argparse.SUPPRESS)  # with --phase pages: a comma-separated subset
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase == "pages":
        pages, floor = measure_pages(Path(args.db), args.reruns, args.pages.split(",") if args.pages else PAGES)
        print("RESULT " + json.dumps({"pages": pages, "floor": floor}))
        return
    if args.phase == "naive":
        print("RESULT " + json.dumps({"naive": measure_naive(Path(args.db), args.reruns)}))
        return
    units, snapshots = (QUICK if args.quick else SCALES)[args.scale]
    n = args.reruns or (5 if args.quick else 20)
    work = Path(tempfile.mkdtemp(prefix=f"bench-{args.scale}-"))
    try:
        print(f"{args.scale}: {units:,} units × {snapshots} snapshots in {work}", flush=True)
        db = work / "bench.duckdb"
        timings = build(db, work / "data", units, snapshots)
        _, pages_rss, out = child_rss(["-m", "bench", "--phase", "pages", "--db", str(db), "--reruns", str(n)])
        print(out.rsplit("RESULT ", 1)[0], end="", flush=True)
        measured = json.loads(out.rsplit("RESULT ", 1)[1])
        pages, floor = measured["pages"], measured["floor"]
        _, naive_rss, out = child_rss(["-m", "bench", "--phase", "naive", "--db", str(db), "--reruns", str(n)])
        naive = json.loads(out.rsplit("RESULT ", 1)[1])["naive"]
        print(f"  naive towns p50 {naive:.1f} ms (its peak RSS {naive_rss:.0f} MB)", flush=True)
        cold, cold_rss = cold_start(db)
        # the app's footprint: the importer, the dashboard process (all pages), a cold start
        peak = max(timings["import_rss_mb"], pages_rss, cold_rss)
        result = {"scale": args.scale, "units": units, "snapshots": snapshots, "quick": args.quick,
                  "machine": machine(), "date": dt.date.today().isoformat(), "reruns": n, "commit": commit(),
                  "pages": pages, "floor_p50_ms": round(floor, 1), "naive_towns_p50_ms": round(naive, 1),
                  "import_s": round(timings["import_s"], 2), "generate_s": round(timings["generate_s"], 2),
                  "cold_start_s": round(cold, 2), "peak_rss_mb": round(peak, 1),
                  "rss_mb": {"import": round(timings["import_rss_mb"], 1), "pages": round(pages_rss, 1),
                             "cold_start": round(cold_rss, 1), "generate": round(timings["generate_rss_mb"], 1),
                             "naive_towns": round(naive_rss, 1)},
                  "target_p50_ms": TARGET_P50_MS[args.scale]}
        (ROOT / "bench" / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        (ROOT / "bench" / f"results-{args.scale}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        runs = [json.loads(p.read_text()) for p in sorted((ROOT / "bench").glob("results-*.json"))]
        write_markdown(runs)
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
