"""`python -m bench [--scale district|city|province] [--quick]` — measure unionboard, write the results.

Builds the database the way towns report: `unionboard generate --per-town` (one units file per town per
month) imported through `importer.import_many` (timed). Then measures in one run, each step in its own
process (so peak RSS is per process):
- each page's server-side rerun after a filter change (AppTest, p50/p95 over N reruns after a warm-up:
  cached views, "warm"), and again with a filter combination not seen before on every rerun ("cold":
  random towns, as-of and industry, seeded), beside the floor (an empty Streamlit page's rerun);
- a naive towns page (pandas over the raw roster on every rerun) and cold start to the first page;
- imports: one whole roster of the last month through import_path (`import_s`, peak RSS) beside DuckDB's
  own read_csv of that file into a table (`read_csv_floor_s`); one town's report into the full database
  beside importer.check_bytes of the same file (read and check alone);
- in Debian's Chromium against `streamlit run dashboard.py`: navigation and a town picked (bench/live.py);
- N = 1, 10, 30 sessions changing the town at the same moment, and the server's CPU (bench/live.py).
Writes bench/results.json (and bench/results-<scale>.json) and the tables in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import resource
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
PAGES = ["overview", "towns", "industries", "buildings", "federations", "dynamics", "training", "uncovered",
         "submissions", "data"]
TARGET_P50_MS = {"district": 100, "city": 300, "province": 1500}
TARGET_COLD_P50_MS = {"district": 150, "city": 400, "province": 2000}  # issue 16
DICTIONARIES = ("towns", "buildings", "federations", "targets")  # imported before the reports
BATCH_BYTES = 400 * 2**20  # files read into memory per import_many call (a province month is ~1.7 GB)
TOWN_REPORT_ROWS = 3000  # issue 12: one town's report of about 3,000 rows into the database

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
        # the results this command writes, and prose, do not make the measured code different
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":!bench/results*.json", ":!docs", ":!README.md"], cwd=ROOT,
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


def load(label: str) -> list[float]:
    """The machine's load averages (1, 5, 15 min) now: other engineers share it."""
    one, five, fifteen = (float(x) for x in Path("/proc/loadavg").read_text().split()[:3])
    print(f"  load {one:.2f} {five:.2f} {fifteen:.2f} ({label})", flush=True)
    return [one, five, fifteen]


def child_result(args: list[str], env: dict | None = None) -> tuple[dict, float, float]:
    """Run `python -m bench --phase …` in its own process: (its RESULT json, wall seconds, peak RSS MB)."""
    seconds, rss, out = child_rss(["-m", "bench", *args], env=env)
    text, _, result = out.rpartition("RESULT ")
    print(text, end="", flush=True)
    return json.loads(result), seconds, rss


def kind_of(f: Path) -> str:
    """The import kind of a generated file (units_… or the dictionary/log named by the file)."""
    return "units" if f.name.startswith("units_") else f.stem


def report_date(f: Path) -> str:
    """units_2015-06-30_安亭镇.csv → 2015-06-30."""
    return f.name.split("_")[1].removesuffix(".csv")


def clone(db: Path, folder: Path) -> Path:
    """A copy of the database to import into without changing it: the catalog file copied, the report
    files hard-linked (they are never changed once written)."""
    from unionboard.store import reports_dir

    folder.mkdir(parents=True)
    copy = folder / db.name
    shutil.copyfile(db, copy)
    if reports_dir(db).exists():
        shutil.copytree(reports_dir(db), reports_dir(copy), copy_function=os.link)
    return copy


def whole_roster(parts: list[Path], out: Path) -> Path:
    """The towns' reports of one date as one district roster (one header, one BOM), copied piece by piece:
    this process must stay small, because a child's peak RSS as wait4 reports it includes the parent's
    resident memory at the moment it was started."""
    with open(out, "wb") as fh:
        for i, p in enumerate(parts):
            with open(p, "rb") as src:
                if i:
                    src.readline()  # the header (and the BOM) of every part after the first
                shutil.copyfileobj(src, fh, 1 << 20)
    return out


def town_report(src: Path, out: Path, rows: int | None, date: dt.date) -> Path:
    """A town's report for `date` made from its report `src` (its first `rows` units, all when None),
    line by line (see whole_roster: this process stays small)."""
    stamp = b"," + date.isoformat().encode() + b"\n"
    with open(src, "rb") as fin, open(out, "wb") as fout:
        fout.write(fin.readline())
        kept = 0
        for line in fin:
            line = line.rstrip(b"\r\n")
            if not line:
                continue
            if rows is not None and kept >= rows:
                break
            fout.write(line.rsplit(b",", 1)[0] + stamp)
            kept += 1
    return out


def build(db: Path, out: Path, units: int, snapshots: int) -> dict:
    """Generate per-town reports and import them with import_many (each step in its own process); measure
    the import of the last month's whole roster (import_s) against read_csv of it. Returns times and RSS."""
    gen_s, gen_rss, listing = child_rss(["-m", "unionboard", "generate", "--units", str(units), "--snapshots",
                                         str(snapshots), "--out", str(out), "--per-town"])
    files = [Path(line) for line in listing.split()]
    units_files = [f for f in files if kind_of(f) == "units"]
    dates = sorted({report_date(f) for f in units_files})
    last = dates[-1]
    before = [f for f in files if kind_of(f) in DICTIONARIES] + [f for f in units_files if report_date(f) != last]
    after = [f for f in units_files if report_date(f) == last] + \
        [f for f in files if kind_of(f) not in DICTIONARIES and kind_of(f) != "units"]
    print(f"  generated {len(files)} files ({len(units_files)} town reports) in {gen_s:.1f} s", flush=True)
    child_rss(["-m", "unionboard", "init", "--empty", "--db", str(db)])
    # a province roster (10,000,000 units, ~1.7 GB) is over the default 512 MB file limit, which is
    # meant for uploads; the command line takes the limit from the environment
    env = dict(os.environ, UNIONBOARD_MAX_FILE_MB=os.environ.get("UNIONBOARD_MAX_FILE_MB", "8192"))
    bulk_s, bulk_rss = 0.0, 0.0
    for part, group in (("before the last month", before), ("the last month, events, training", after)):
        if part.startswith("the last"):  # the database as it was before the last month, for import_s
            whole_db = clone(db, out.parent / "whole")
        listed = out.parent / "import-list.txt"
        listed.write_text("\n".join(str(f) for f in group), encoding="utf-8")
        r, _, rss = child_result(["--phase", "import-many", "--db", str(db), "--files", str(listed),
                                  "--receipts", str(out / "reports.csv")], env=env)
        bulk_s += r["seconds"]
        bulk_rss = max(bulk_rss, rss)
        print(f"  import_many: {len(group)} files ({part}) in {r['seconds']:.1f} s, {r['calls']} call(s), "
              f"peak RSS {rss:.0f} MB", flush=True)
    roster = whole_roster([f for f in units_files if report_date(f) == last], out / f"units_{last}.csv")
    r, _, import_rss = child_result(["--phase", "import-one", "--db", str(whole_db), "--file", str(roster)], env=env)
    import_s = r["seconds"]
    print(f"  import of the whole roster of {last} ({r['rows']:,} units) in {import_s:.1f} s "
          f"(peak RSS {import_rss:.0f} MB)", flush=True)
    r, _, floor_rss = child_result(["--phase", "read-csv", "--db", str(out.parent / "floor.duckdb"),
                                    "--file", str(roster)])
    print(f"  DuckDB read_csv of the same file: {r['seconds']:.1f} s ({r['rows']:,} rows)", flush=True)
    shutil.rmtree(whole_db.parent, ignore_errors=True)
    (out.parent / "floor.duckdb").unlink(missing_ok=True)
    roster.unlink()
    return {"generate_s": gen_s, "generate_rss_mb": gen_rss, "import_s": import_s, "import_rss_mb": import_rss,
            "import_rows": r["rows"], "read_csv_floor_s": r["seconds"], "read_csv_rss_mb": floor_rss,
            "import_bulk_s": bulk_s, "import_bulk_rss_mb": bulk_rss, "import_bulk_files": len(files),
            "units_files": units_files, "last": last}


def measure_town_report(db: Path, work: Path, units_files: list[Path], last: str) -> dict:
    """One town's report of the month after the last into (a copy of) the full database, beside
    check_bytes of the same file: a ~3,000-row report (issue 12) and the town's whole report."""
    reports = sorted((f for f in units_files if report_date(f) == last), key=lambda f: f.stat().st_size)
    src = reports[len(reports) // 2]  # a town of middle size
    town = src.stem.split("_", 2)[2]
    nxt = dt.date.fromisoformat(last) + dt.timedelta(days=1)
    nxt = (nxt.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)  # next month's end
    out: dict = {"import_town_report_town": town}
    for label, rows in (("", TOWN_REPORT_ROWS), ("_whole", None)):
        f = town_report(src, work / f"units_{nxt.isoformat()}_{town}{label}.csv", rows, nxt)
        copy = clone(db, work / f"town{label}")
        check, _, _ = child_result(["--phase", "check", "--db", str(copy), "--file", str(f), "--town", town])
        done, _, rss = child_result(["--phase", "import-one", "--db", str(copy), "--file", str(f), "--town", town])
        out.update({f"import_town_report{label}_s": round(done["seconds"], 2),
                    f"import_town_report{label}_rows": done["rows"],
                    f"check_town_report{label}_s": round(check["seconds"], 2),
                    f"import_town_report{label}_rss_mb": round(rss, 1)})
        print(f"  {town}'s report of {nxt} ({done['rows']:,} units) into the database: {done['seconds']:.2f} s; "
              f"read and check alone {check['seconds']:.2f} s", flush=True)
        shutil.rmtree(copy.parent, ignore_errors=True)
        f.unlink()
    return out


def phase_import_many(db: Path, listed: Path, receipts: Path) -> dict:
    """Import the listed files with import_many, at most BATCH_BYTES of files per call; all must pass."""
    from unionboard.importer import ImportRequest, import_many

    received = {}
    if receipts.exists():
        with open(receipts, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                received[row["文件"]] = (row["街镇"], dt.datetime.fromisoformat(row["报送时间"]))
    files = [Path(line) for line in listed.read_text(encoding="utf-8").split("\n") if line]
    batches, batch, size = [], [], 0
    for f in files:
        if batch and size + f.stat().st_size > BATCH_BYTES:
            batches.append(batch)
            batch, size = [], 0
        batch.append(f)
        size += f.stat().st_size
    batches.append(batch)
    t0 = time.perf_counter()
    for group in batches:
        requests = []
        for f in group:
            town, at = received.get(f.name, (None, None))
            requests.append(ImportRequest(f, f.name, kind_of(f), town=town, received=at))
        for f, result in zip(group, import_many(db, requests, user="bench"), strict=True):
            if not result.ok:  # the generator and the validator disagree: a bug, say it loudly
                raise SystemExit(f"{f.name} refused:\n" + "\n".join(p.line("en") for p in result.problems[:20]))
    return {"seconds": time.perf_counter() - t0, "calls": len(batches)}


def phase_import_one(db: Path, f: Path, town: str | None) -> dict:
    """One file through importer.import_path (what `unionboard import FILE` runs), timed from reading it
    to the import done."""
    from unionboard.importer import import_path

    t0 = time.perf_counter()
    result = import_path(db, f, "units", town=town, user="bench")
    seconds = time.perf_counter() - t0
    if not result.ok:
        raise SystemExit(f"{f.name} refused:\n" + "\n".join(p.line("en") for p in result.problems[:20]))
    return {"seconds": seconds, "rows": result.rows}


def phase_check(db: Path, f: Path, town: str | None) -> dict:
    """The same file read and checked against the database (importer.check_bytes), nothing applied."""
    from unionboard.importer import check_bytes

    t0 = time.perf_counter()
    result = check_bytes(db, f, f.name, "units", town=town)
    seconds = time.perf_counter() - t0
    if not result.ok:
        raise SystemExit(f"{f.name} refused:\n" + "\n".join(p.line("en") for p in result.problems[:20]))
    return {"seconds": seconds, "rows": result.rows}


def phase_read_csv(db: Path, f: Path) -> dict:
    """The floor of an import: DuckDB's own read_csv of the file into a table of a database file."""
    import duckdb

    from unionboard.sql import path_literal

    t0 = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE roster AS SELECT * FROM read_csv({path_literal(f)})")  # a bench path, not user input
    con.execute("CHECKPOINT")
    rows = con.execute("SELECT count(*) FROM roster").fetchall()[0][0]
    con.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows}


def server_like_apptest() -> None:
    """Make AppTest rerun a page the way a running server does.

    Before every run AppTest (1.67) resets Streamlit's multipage flag, so a `pages/` folder beside the
    entry point puts each run in the legacy multipage mode: the page runs, switches to st.navigation
    and reruns itself (ui.page.setup), i.e. twice. It also compiles every script again with a
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


def opened(page: str):  # noqa: ANN201 - an AppTest
    """The dashboard in AppTest, on `page`, after its first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.run()
    at.switch_page(str(ROOT / "pages" / f"{page}.py"))
    at.run()
    return at


def measure_pages(db: Path, n: int, names: list[str] = PAGES) -> tuple[dict, float]:  # noqa: B006
    """Per-page rerun p50/p95 and the floor."""
    from streamlit.testing.v1 import AppTest

    server_like_apptest()
    os.environ["UNIONBOARD_DB"] = str(db)
    pages = {}
    for page in names:
        at = opened(page)
        p50, p95 = timed_reruns(at, n, toggle_town)
        pages[page] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        print(f"  {page:12s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
    floor = AppTest.from_string(FLOOR_SCRIPT, default_timeout=60)
    floor.run()
    # a 4-6 ms rerun is at the mercy of the scheduler: more reruns give a steadier median
    floor_p50, _ = timed_reruns(floor, max(n, 60), lambda a, i: a.sidebar.multiselect(key="town").set_value(["a"] if i % 2 else ["b"]))
    print(f"  floor p50 {floor_p50:.1f} ms", flush=True)
    return pages, floor_p50


def combinations(db: Path, seed: int = 16):  # noqa: ANN201 - a generator
    """Filter combinations (as-of, towns, industry) never given before, random and seeded: what leaders
    clicking towns and dates nobody chose yet ask for. Mostly the whole district or one to three towns,
    half of them for one industry."""
    from unionboard.kinds import INDUSTRIES
    from unionboard.store import connect_read
    from unionboard.views import town_lookup

    con = connect_read(db)
    try:
        dates = [r[0].isoformat() for r in con.execute("SELECT DISTINCT snapshot FROM current_reports").fetchall()]
        towns, _ = town_lookup(con)
    finally:
        con.close()
    rng = random.Random(seed)
    seen = {(max(dates), (), "全部")}  # what a page opens with (its warm-up run)
    while True:
        pick = (rng.choice(sorted(dates)), tuple(sorted(rng.sample(towns, rng.choice([0, 0, 1, 1, 2, 3])))),
                rng.choice(["全部", rng.choice(INDUSTRIES)]))
        if pick not in seen:
            seen.add(pick)
            yield pick


def measure_cold(db: Path, n: int, names: list[str] = PAGES) -> dict:  # noqa: B006
    """Per page, n reruns each with a filter combination never given before in this process (so no view
    can come from ui.shell's LRU caches), p50/p95; with the cache misses counted to show it."""

    server_like_apptest()
    os.environ["UNIONBOARD_DB"] = str(db)
    fresh = combinations(db)
    pages = {}
    for page in names:
        at = opened(page)
        from ui import shell  # the module the pages run (after the first run put ROOT's ui on the path)

        times, misses, hits = [], 0, 0
        for _ in range(n):
            as_of, towns, industry = next(fresh)
            at.sidebar.selectbox(key="asof").set_value(as_of)
            at.sidebar.multiselect(key="town").set_value(list(towns))
            at.sidebar.selectbox(key="industry").set_value(industry)
            before = shell._view.cache_info()
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
            assert not at.exception, [e.value for e in at.exception]
            after = shell._view.cache_info()
            misses += after.misses - before.misses
            hits += after.hits - before.hits
        times.sort()
        pages[page] = {"p50_ms": round(statistics.median(times), 1),
                       "p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 1),
                       "view_misses_per_rerun": round(misses / n, 1), "view_hits_per_rerun": round(hits / n, 1)}
        print(f"  {page:12s} cold p50 {pages[page]['p50_ms']:7.1f} ms  p95 {pages[page]['p95_ms']:7.1f} ms  "
              f"({misses / n:.1f} views computed, {hits / n:.1f} from cache per rerun)", flush=True)
    return pages


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


def _ms(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def write_markdown(results: list[dict]) -> None:
    """docs/benchmarks.md: the tables of each measured run (older runs lack the newer measurements)."""
    lines = ["# Benchmarks", "",
             "Measured by `python -m bench` (see bench/__main__.py and bench/live.py); written by it. Pages: the",
             "server-side rerun after a filter change (AppTest), p50/p95. *Warm*: toggling the town filter between",
             "two values, so after the warm-up every view is a cache hit. *Cold*: every rerun a filter combination",
             "(towns, as-of, industry) never given before, so every view is computed. The floor is an empty Streamlit",
             "page's rerun in the same run; naive = pandas over the raw roster on every rerun. Browser: Debian's",
             "Chromium against `streamlit run dashboard.py`. Sessions: websocket clients speaking Streamlit's",
             "protocol against one server (docs/performance.md says why). The load is the machine's 1-minute load",
             "average during the run (2 cores, shared with other engineers).", ""]
    for r in results:
        cold = r.get("cold_pages", {})
        lines += [f"## {r['scale']} — {r['units']:,} units × {r['snapshots']} "
                  + ("monthly town reports" if "cold_pages" in r else "snapshots")
                  + (" (quick)" if r.get("quick") else ""), "",
                  f"{r['date']} · {r['machine']}" + (f" · commit {r['commit']}" if r.get("commit") else "")
                  + (f" · load {min(r['load']):.1f}–{max(r['load']):.1f}" if r.get("load") else ""), ""]
        if cold:
            lines += ["| page | warm p50 ms | warm p95 ms | × floor | cold p50 ms | cold p95 ms | views computed per rerun |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
        else:
            lines += ["| page | p50 ms | p95 ms | × floor |", "|---|---:|---:|---:|"]
        for page, v in r["pages"].items():
            row = f"| {page} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} | {v['p50_ms'] / r['floor_p50_ms']:.1f} |"
            if cold:
                c = cold.get(page, {})
                row += f" {_ms(c.get('p50_ms'))} | {_ms(c.get('p95_ms'))} | {c.get('view_misses_per_rerun', '—')} |"
            lines.append(row)
        lines += ["", f"- floor (empty page) p50: {r['floor_p50_ms']:.1f} ms",
                  f"- naive towns p50: {r['naive_towns_p50_ms']:.1f} ms "
                  f"(naive / towns page = {r['naive_towns_p50_ms'] / r['pages']['towns']['p50_ms']:.1f}×)"]
        if "read_csv_floor_s" in r:
            lines += [f"- import of the largest roster (the last month's {r['import_rows']:,} units as one file, "
                      f"validated, `import_path` as `unionboard import` runs it): {r['import_s']:.1f} s, "
                      f"peak RSS {r['rss_mb']['import']:.0f} MB; "
                      f"DuckDB's read_csv of the same file into a table: {r['read_csv_floor_s']:.1f} s "
                      f"({r['import_s'] / r['read_csv_floor_s']:.1f} × the floor)",
                      f"- one town's report ({r['import_town_report_town']}, {r['import_town_report_rows']:,} units) "
                      f"into the full database: {r['import_town_report_s']:.2f} s; read and check alone "
                      f"(`check_bytes`): {r['check_town_report_s']:.2f} s "
                      f"({r['import_town_report_s'] / r['check_town_report_s']:.1f} ×); the town's whole report "
                      f"({r['import_town_report_whole_rows']:,} units): {r['import_town_report_whole_s']:.2f} s, "
                      f"check alone {r['check_town_report_whole_s']:.2f} s",
                      f"- building the database: {r['import_bulk_files']} files (per-town monthly reports, "
                      f"dictionaries, events, training) through `import_many` in {r['import_bulk_s']:.1f} s "
                      f"(peak RSS {r['rss_mb']['import_many']:.0f} MB)"]
        else:
            lines.append(f"- import of one units snapshot (validated): {r['import_s']:.1f} s")
        lines += [f"- generate: {r['generate_s']:.1f} s; cold start to first page: {r['cold_start_s']:.1f} s",
                  f"- peak RSS of the app (largest of importer, dashboard process, cold start): {r['peak_rss_mb']:.0f} MB"
                  + (" — " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["rss_mb"].items()) if "rss_mb" in r else "")]
        b = r.get("browser")
        if b:
            lines += ["", "| in Chromium | p50 ms | p95 ms | tries |", "|---|---:|---:|---:|",
                      f"| navigation: sidebar click → title, charts and KPIs drawn | {_ms(b['navigation_p50_ms'])} | "
                      f"{_ms(b['navigation_p95_ms'])} | {b['navigation_tries']} |",
                      f"| a town picked → KPI text changed (总览) | {_ms(b['town_change_p50_ms'])} | "
                      f"{_ms(b['town_change_p95_ms'])} | {b['town_change_tries']} |",
                      f"| a town picked → the whole page redrawn | {_ms(b['town_change_done_p50_ms'])} | | |",
                      f"| floor: a town picked on an empty page with one multiselect | "
                      f"{_ms(b['floor_town_change_p50_ms'])} | {_ms(b.get('floor_town_change_p95_ms'))} | |",
                      "", f"Town change / floor: {b['town_change_p50_ms'] / b['floor_town_change_p50_ms']:.1f} ×. "
                      f"CPU per town change: server {b['town_change_server_cpu_ms']} ms, Chromium "
                      f"{b['town_change_chromium_cpu_ms']} ms."]
            for f in b.get("navigation_not_drawn_in_60s", []):
                s = f["seen"]
                lines.append(f"- navigation to {f['page']} not drawn within 60 s (left out of the figures): the page "
                             f"showed title {s['title']!r}, {s['charts']} charts drawn, {s['metrics']} KPI values, "
                             f"{s['stale']} stale elements")
        c = r.get("concurrency")
        if c:
            lines += ["", "| sessions changing the town at once (总览) | p50 ms | p95 ms | all updated ms | "
                      "server CPU | each their own town: p95 ms |", "|---:|---:|---:|---:|---:|---:|"]
            for k in ("1", "10", "30"):
                if k in c:
                    e = c[k]
                    lines.append(f"| {k} | {_ms(e['p50_ms'])} | {_ms(e['p95_ms'])} | {_ms(e['all_updated_ms'])} | "
                                 f"{e['server_cpu_pct']:.0f}% | {_ms(e.get('distinct_p95_ms'))} |")
            if "1" in c and "30" in c:
                lines += ["", f"30 sessions p95 / one session p95: {c['30']['p95_ms'] / c['1']['p95_ms']:.1f} ×."]
        lines.append("")
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Run the benchmark at one scale."""
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--scale", choices=list(SCALES), default="district")
    ap.add_argument("--quick", action="store_true", help="fewer snapshots and reruns (a smoke run)")
    ap.add_argument("--reruns", type=int, default=None)
    ap.add_argument("--phase", choices=["pages", "cold", "naive", "import-many", "import-one", "check", "read-csv",
                                        "browser", "concurrency"], help=argparse.SUPPRESS)  # in a child process
    ap.add_argument("--pages", help=argparse.SUPPRESS)  # with --phase pages/cold: a comma-separated subset
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    ap.add_argument("--receipts", help=argparse.SUPPRESS)
    ap.add_argument("--town", help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=2, help=argparse.SUPPRESS)
    ap.add_argument("--keep", action="store_true", help="keep the database built (its folder is printed)")
    args = ap.parse_args()
    if args.phase:
        db = Path(args.db)
        names = args.pages.split(",") if args.pages else PAGES
        if args.phase == "pages":
            pages, floor = measure_pages(db, args.reruns, names)
            result = {"pages": pages, "floor": floor}
        elif args.phase == "cold":
            result = {"cold": measure_cold(db, args.reruns, names)}
        elif args.phase == "naive":
            result = {"naive": measure_naive(db, args.reruns)}
        elif args.phase == "import-many":
            result = phase_import_many(db, Path(args.files), Path(args.receipts))
        elif args.phase == "import-one":
            result = phase_import_one(db, Path(args.file), args.town)
        elif args.phase == "check":
            result = phase_check(db, Path(args.file), args.town)
        elif args.phase == "read-csv":
            result = phase_read_csv(db, Path(args.file))
        elif args.phase == "browser":
            from bench.live import browser
            result = browser(db, args.rounds)
        else:
            from bench.live import concurrency
            result = concurrency(db)
        print("RESULT " + json.dumps(result, ensure_ascii=False))
        return
    units, snapshots = (QUICK if args.quick else SCALES)[args.scale]
    n = args.reruns or (5 if args.quick else 20)
    n_cold = max(n, 10)
    work = Path(tempfile.mkdtemp(prefix=f"bench-{args.scale}-", dir=os.environ.get("BENCH_TMP")))
    started = time.perf_counter()
    measured_commit = commit()  # at the start: what is measured, whatever is edited while it runs
    loads = []
    try:
        print(f"{args.scale}: {units:,} units × {snapshots} monthly town reports in {work}", flush=True)
        loads.append(load("start"))
        db = work / "bench.duckdb"
        timings = build(db, work / "data", units, snapshots)
        town = measure_town_report(db, work, timings["units_files"], timings["last"])
        shutil.rmtree(work / "data", ignore_errors=True)  # the generated files (GBs at city scale)
        loads.append(load("imports done"))
        measured, _, pages_rss = child_result(["--phase", "pages", "--db", str(db), "--reruns", str(n)])
        pages, floor = measured["pages"], measured["floor"]
        measured, _, cold_rss = child_result(["--phase", "cold", "--db", str(db), "--reruns", str(n_cold)])
        cold_pages = measured["cold"]
        loads.append(load("pages done"))
        measured, _, naive_rss = child_result(["--phase", "naive", "--db", str(db), "--reruns", str(n)])
        naive = measured["naive"]
        print(f"  naive towns p50 {naive:.1f} ms (its peak RSS {naive_rss:.0f} MB)", flush=True)
        cold, cold_start_rss = cold_start(db)
        browser_result, _, _ = child_result(["--phase", "browser", "--db", str(db), "--rounds", "1" if args.quick else "2"])
        print(f"  browser: navigation p50 {browser_result['navigation_p50_ms']:.0f} ms, town change p50 "
              f"{browser_result['town_change_p50_ms']:.0f} ms (floor {browser_result['floor_town_change_p50_ms']:.0f} ms)",
              flush=True)
        loads.append(load("browser done"))
        conc, _, _ = child_result(["--phase", "concurrency", "--db", str(db)])
        loads.append(load("end"))
        # the app's footprint: the importer, the dashboard process (all pages), a cold start
        peak = max(timings["import_rss_mb"], pages_rss, cold_start_rss)
        result = {"scale": args.scale, "units": units, "snapshots": snapshots, "quick": args.quick,
                  "machine": machine(), "date": dt.date.today().isoformat(), "reruns": n, "commit": measured_commit,
                  "pages": pages, "floor_p50_ms": round(floor, 1), "naive_towns_p50_ms": round(naive, 1),
                  "import_s": round(timings["import_s"], 2), "generate_s": round(timings["generate_s"], 2),
                  "cold_start_s": round(cold, 2), "peak_rss_mb": round(peak, 1),
                  "rss_mb": {"import": round(timings["import_rss_mb"], 1), "pages": round(pages_rss, 1),
                             "cold_start": round(cold_start_rss, 1), "generate": round(timings["generate_rss_mb"], 1),
                             "naive_towns": round(naive_rss, 1), "cold_pages": round(cold_rss, 1),
                             "import_many": round(timings["import_bulk_rss_mb"], 1),
                             "read_csv": round(timings["read_csv_rss_mb"], 1),
                             "server": browser_result.get("server_peak_rss_mb", 0.0),
                             "server_30_sessions": conc.get("server_peak_rss_mb", 0.0),
                             # a child's figure is at least this: wait4 counts the parent's resident memory
                             # at the child's start
                             "bench_itself": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)},
                  "target_p50_ms": TARGET_P50_MS[args.scale],
                  "cold_pages": cold_pages, "cold_reruns": n_cold, "target_cold_p50_ms": TARGET_COLD_P50_MS[args.scale],
                  "browser": browser_result, "concurrency": conc,
                  "import_rows": timings["import_rows"], "read_csv_floor_s": round(timings["read_csv_floor_s"], 2),
                  "import_bulk_s": round(timings["import_bulk_s"], 1), "import_bulk_files": timings["import_bulk_files"],
                  **town, "load": [x[0] for x in loads], "bench_s": round(time.perf_counter() - started)}
        (ROOT / "bench" / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        (ROOT / "bench" / f"results-{args.scale}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        runs = [json.loads(p.read_text()) for p in sorted((ROOT / "bench").glob("results-*.json"))]
        write_markdown([r for r in runs if "scale" in r])  # results-readers-*.json are bench.readers' own
        print(json.dumps(result, ensure_ascii=False, indent=2))
        print(f"bench: {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
