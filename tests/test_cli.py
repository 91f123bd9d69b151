"""The command line: exit codes, export format, snapshots, history, generate."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

from conftest import ROOT, UNITS_2015
from unionboard.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "unionboard", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_export_towns_csv_has_bom_and_columns(fixture_db, tmp_path):
    out = tmp_path / "towns.csv"
    assert main(["export", "towns", "--db", str(fixture_db), "--as-of", "2015-06-30", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert df.columns[0] == "街镇" and df.columns[-1] == "进度状态" and len(df.columns) == 18
    total = df.iloc[-1]
    assert (total["街镇"], total["在营单位数"], total["入会率(%)"], total["进度状态"]) == ("合计", 6, 80.47, "预警")
    anting = df[df["街镇"] == "安亭镇"].iloc[0]
    assert anting["新发展会员数"] == 48


def test_export_xlsx(fixture_db, tmp_path):
    out = tmp_path / "towns.xlsx"
    assert main(["export", "towns", "--db", str(fixture_db), "--town", "安亭", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    values = list(ws.values)
    assert values[0][0] == "街镇" and values[1][:3] == ("安亭镇", 4, 3) and values[2][0] == "合计"


def test_export_errors_exit_2(fixture_db, capsys):
    assert main(["export", "nosuch", "--db", str(fixture_db)]) == 2
    assert "未知视图" in capsys.readouterr().err
    assert main(["export", "towns", "--db", str(fixture_db), "--town", "火星镇"]) == 2
    assert "火星镇" in capsys.readouterr().err
    assert main(["export", "towns", "--db", str(fixture_db), "--as-of", "2015-13-45"]) == 2
    assert "日期格式" in capsys.readouterr().err
    assert main(["export", "towns", "--db", str(fixture_db), "--as-of", "2010-01-01"]) == 2
    assert main(["export", "towns", "--db", str(fixture_db), "--year", "2014", "--as-of", "2015-06-30"]) == 2
    assert main(["export", "towns", "--db", str(fixture_db), "--lang", "en", "--as-of", "bad"]) == 2
    assert "malformed date" in capsys.readouterr().err


def test_year_picks_latest_snapshot_of_that_year(fixture_db, capsys):
    assert main(["export", "trend", "--db", str(fixture_db), "--year", "2014"]) == 0
    out = capsys.readouterr().out
    assert "2014-12-31" in out and "2015-06-30" not in out


def test_import_exit_codes_and_history(empty_db, tmp_path, capsys):
    good = tmp_path / "units.csv"
    good.write_text(UNITS_2015.replace(",联合建会,安亭红星村工会联合会,", ",单独建会,,").replace(",嘉亭荟,", ",,"),
                    encoding="gb18030")
    assert main(["import", "units", str(good), "--db", str(empty_db), "--snapshot", "2015-06-30"]) == 0
    assert "单位名册 2015-06-30: 安亭镇 5 行；嘉定镇街道 2 行" in capsys.readouterr().out
    # the same date again without --replace: refused, exit 2
    assert main(["import", "units", str(good), "--db", str(empty_db), "--snapshot", "2015-06-30"]) == 2
    err = capsys.readouterr().err
    assert "导入被拒绝" in err and "--replace" in err
    assert main(["import", "units", str(good), "--db", str(empty_db), "--snapshot", "2015-06-30", "--replace"]) == 0
    capsys.readouterr()
    assert main(["history", "--db", str(empty_db)]) == 0
    hist = capsys.readouterr().out
    assert hist.count("已导入") == 2 and hist.count("已拒绝") == 1
    from unionboard.views import table
    assert table(empty_db, "import_history")["行数"].tolist() == [7, 7, 7]
    assert main(["snapshots", "--db", str(empty_db)]) == 0
    assert "2015-06-30" in capsys.readouterr().out
    assert main(["import", "nosuchkind", str(good), "--db", str(empty_db)]) == 2
    assert main(["import", "units", str(tmp_path / "missing.csv"), "--db", str(empty_db)]) == 2


def test_no_database(tmp_path, capsys):
    assert main(["export", "towns", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "init" in capsys.readouterr().err


def test_subprocess_and_env_db(fixture_db):
    import os
    env = dict(os.environ, UNIONBOARD_DB=str(fixture_db))
    p = subprocess.run([sys.executable, "-m", "unionboard", "export", "buildings"], cwd=ROOT, env=env,
                       capture_output=True, timeout=120)
    assert p.returncode == 0
    text = p.stdout.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("安亭镇,嘉亭荟,1,1,100.0,10,8,80.0,未成立,,")


def test_csv_injection_stays_text(empty_db, tmp_path):
    import datetime as dt

    from conftest import A1, UNITS_HEADER, load
    load(empty_db, "units", f"{UNITS_HEADER}\n{A1},=HYPERLINK(\"http://x\"),安亭,,,制造业,民营企业,否,30,0,在营,未建会,,,0,0\n",
         snapshot=dt.date(2015, 6, 30))
    out = tmp_path / "u.csv"
    assert main(["export", "uncovered", "--db", str(empty_db), "-o", str(out)]) == 0
    line = out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert "'=HYPERLINK" in line
    xl = tmp_path / "u.xlsx"
    assert main(["export", "uncovered", "--db", str(empty_db), "-o", str(xl)]) == 0
    cell = openpyxl.load_workbook(xl).active["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_generate_and_init_empty_roundtrip(tmp_path):
    out = tmp_path / "gen"
    p = run("generate", "--units", "2000", "--snapshots", "2", "--out", str(out), "--seed", "7")
    assert p.returncode == 0, p.stderr
    files = sorted(f.name for f in out.iterdir())
    assert files == ["buildings.csv", "events.csv", "federations.csv", "targets.csv", "towns.csv", "training.csv",
                     "units_2015-05-31.csv", "units_2015-06-30.csv"]
    again = tmp_path / "gen2"
    run("generate", "--units", "2000", "--snapshots", "2", "--out", str(again), "--seed", "7")
    assert (out / "units_2015-06-30.csv").read_bytes() == (again / "units_2015-06-30.csv").read_bytes()
    db = tmp_path / "g.duckdb"
    assert run("init", "--empty", "--db", str(db)).returncode == 0
    for name in ["towns", "buildings", "federations", "targets", "units_2015-05-31", "units_2015-06-30", "events",
                 "training"]:
        kind = "units" if name.startswith("units") else name
        p = run("import", kind, str(out / f"{name}.csv"), "--db", str(db))
        assert p.returncode == 0, p.stderr[:2000]
    p = run("export", "towns", "--db", str(db))
    df = pd.read_csv(io.StringIO(p.stdout.lstrip("\ufeff")))
    assert df.iloc[-1]["街镇"] == "合计"
    per_town = df.iloc[:-1]
    assert df.iloc[-1]["在营单位数"] == per_town["在营单位数"].sum()
    assert set(per_town["进度状态"].dropna()) <= {"达标", "预警", "滞后"}


def test_cli_help_runs():
    p = run("--help")
    assert p.returncode == 0 and "export" in p.stdout


def test_db_path_rule(monkeypatch):
    from unionboard.store import resolve_db
    monkeypatch.delenv("UNIONBOARD_DB", raising=False)
    assert resolve_db(None) == Path("data") / "unionboard.duckdb"
    monkeypatch.setenv("UNIONBOARD_DB", "/x/y.duckdb")
    assert resolve_db(None) == Path("/x/y.duckdb")
    assert resolve_db("z.duckdb") == Path("z.duckdb")


def test_options_before_the_command_are_kept(fixture_db, tmp_path, capsys, monkeypatch):
    # `--db X export …` used to be overwritten by the sub-command's default: the default database was read
    monkeypatch.chdir(tmp_path)  # where data/unionboard.duckdb does not exist
    assert main(["--db", str(fixture_db), "--lang", "en", "snapshots"]) == 0
    out = capsys.readouterr()
    assert "2015-06-30" in out.out and out.err == ""
    assert main(["--lang", "en", "export", "nope", "--db", str(fixture_db)]) == 2
    assert "unknown view" in capsys.readouterr().err
