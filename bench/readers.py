"""`python -m bench.readers [--rows 200000]` — what reading a roster costs in each format the importer reads.

A generated roster (`unionboard generate`, one snapshot) is saved by LibreOffice as XLSX and ODS (as a
town's Excel or Calc would: shared strings, cached values) and, cut to the format's 65,536 rows, as
XLS; the CSV is the generator's. Each file is then, each in its own process (peak RSS is per process):

- read: unionboard.readers + layout, every piece walked, no validation;
- import: the whole importer (read, validate, stage, apply) into a database holding the dictionaries;
- for the choice of reader, the same XLSX read by openpyxl's read-only mode and by python-calamine
  (when installed; it is not a dependency).

Writes bench/results-readers.json and prints the table for docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.__main__ import child_rss, commit

ROOT = Path(__file__).resolve().parent.parent

READ = """
import sys, time
from pathlib import Path
from unionboard import layout
from unionboard.importer import _assign_kinds
from unionboard.readers import read_file
path = Path(sys.argv[1])
t = time.perf_counter()
pairs, problems, _, _ = _assign_kinds(read_file(path.read_bytes(), path.name), "units", path.name, "zh")
assert not problems, problems
rows = sum(len(p) for p in pairs[0][1].pieces())
print(rows, round(time.perf_counter() - t, 2))
"""
OPENPYXL = """
import sys, time, openpyxl
t = time.perf_counter()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
ws.reset_dimensions()
rows = sum(1 for _ in ws.iter_rows(values_only=True))
print(rows, round(time.perf_counter() - t, 2))
"""
CALAMINE = """
import sys, time
import python_calamine
t = time.perf_counter()
sheet = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
rows = sum(1 for _ in sheet.iter_rows())
print(rows, round(time.perf_counter() - t, 2))
"""
IMPORT = """
import sys, time
from pathlib import Path
from unionboard.importer import import_path
t = time.perf_counter()
r = import_path(Path(sys.argv[1]), Path(sys.argv[2]), "units", replace=True)
assert r.ok, [p.line() for p in r.problems[:5]]
print(r.rows, round(time.perf_counter() - t, 2))
"""


def convert(src: Path, fmt: str, out: Path, profile: Path) -> Path:
    """The CSV saved by LibreOffice in another format (as a town's spreadsheet program saves it), the credit
    codes (column 1) as text, as a template keeps them."""
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods"}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1,1/2", "--convert-to", filters[fmt], "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=3600)
    return out / f"{src.stem}.{fmt}"


def measure(script: str, *args: str) -> dict:
    seconds, rss, out = child_rss(["-c", script, *args])
    try:
        rows, inner = out.strip().splitlines()[-1].split()
    except (IndexError, ValueError) as exc:
        raise SystemExit(f"unexpected output: {out[-2000:]!r}") from exc
    return {"rows": int(rows), "seconds": float(inner), "process_seconds": round(seconds, 2), "peak_rss_mb": round(rss)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--formats", default="csv,xlsx,ods,xls", help="which formats to measure (comma-separated)")
    args = p.parse_args()
    wanted = set(args.formats.split(","))
    if shutil.which("soffice") is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the XLSX, XLS and ODS files: bash scripts/setup.sh --browser")
    results: dict = {"rows": args.rows, "commit": commit(), "date": time.strftime("%Y-%m-%d"),
                     "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
                     "formats": {}}
    # beside the database (disk, not a RAM-backed /tmp); the prefix is git-ignored like the importer's scratch files
    with tempfile.TemporaryDirectory(prefix=".unionboard-bench-", dir=ROOT / "data" if (ROOT / "data").is_dir() else None) as tmp:
        tmp = Path(tmp)
        gen = tmp / "gen"
        subprocess.run([sys.executable, "-m", "unionboard", "generate", "--units", str(args.rows), "--snapshots", "1",
                        "--out", str(gen)], cwd=ROOT, check=True, capture_output=True)
        csv = next(gen.glob("units_*.csv"))
        roster = tmp / "roster.csv"
        shutil.copy(csv, roster)
        small = tmp / "roster65k.csv"
        with csv.open(encoding="utf-8-sig") as f, small.open("w", encoding="utf-8") as g:
            for i, line in enumerate(f):
                if i > 65_535:
                    break
                g.write(line)
        files = {"csv": roster} if "csv" in wanted else {}
        for fmt in ("xlsx", "ods"):
            if fmt in wanted:
                t = time.perf_counter()
                files[fmt] = convert(roster, fmt, tmp, tmp / "lo")
                results.setdefault("written_by_libreoffice_s", {})[fmt] = round(time.perf_counter() - t, 1)
        if "xls" in wanted:
            files["xls"] = convert(small, "xls", tmp, tmp / "lo")
        db = tmp / "bench.duckdb"
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from unionboard.importer import "
                        "create_database, import_path; db = Path(sys.argv[1]); create_database(db); "
                        "[import_path(db, Path(sys.argv[2]) / f'{k}.csv', k) for k in ('buildings', 'federations')]",
                        str(db), str(gen)], cwd=ROOT, check=True)
        for fmt, path in files.items():
            entry = {"file_mb": round(path.stat().st_size / 1e6, 1), "read": measure(READ, str(path)),
                     "import": measure(IMPORT, str(db), str(path))}
            if fmt == "xlsx":
                entry["openpyxl_read_only"] = measure(OPENPYXL, str(path))
                try:
                    entry["python_calamine"] = measure(CALAMINE, str(path))
                except SystemExit as exc:
                    entry["python_calamine"] = f"not measured: {str(exc).splitlines()[-1]}"
            results["formats"][fmt] = entry
            print(fmt, json.dumps(entry, ensure_ascii=False), flush=True)
    part = "" if wanted == {"csv", "xlsx", "ods", "xls"} else "-" + "-".join(sorted(wanted))
    out = ROOT / "bench" / f"results-readers-{args.rows}{part}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
